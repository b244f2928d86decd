import type { CollectProgressEvent } from '@annexa/core';

/**
 * One status line on a terminal for long runs; nothing at all when stderr is piped (CI logs stay clean,
 * and the JSON log lines carry the same information).
 */
export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  label: string,
): { update: (event: CollectProgressEvent) => void; done: () => void } {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const running = new Set<string>();
  let finished = 0;
  let shown = false;
  return {
    update: (event) => {
      if (event.kind === 'started') running.add(`${event.instance} ${event.collector}`);
      else {
        running.delete(`${event.outcome.instance} ${event.outcome.collector}`);
        finished++;
      }
      shown = true;
      const current = [...running].slice(0, 2).join(', ');
      stream.write(
        `\r\x1b[2K${label}: ${finished} done, ${running.size} running${current ? ` (${current})` : ''}`,
      );
    },
    done: () => {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
