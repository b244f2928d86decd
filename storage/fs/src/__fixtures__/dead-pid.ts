import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** The pid of a process that has just exited: no process holds it until the system's pids wrap around. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(child, 'exit');
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}
