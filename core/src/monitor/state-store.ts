import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { AnnexaError } from '../errors/errors.js';

/**
 * Mutable monitor state (alert state, the corrective-action register) kept beside the locker. It is not part
 * of the content-addressed store: verify does not check it, and every fact in it points back at runs and
 * evidence that verify does check. Callers hold the locker's lock while they read, change and write it.
 */
export interface StateStore {
  readonly location: string;
  read<T>(name: string, schema: z.ZodType<T>): Promise<T | undefined>;
  write(name: string, value: unknown): Promise<void>;
}

const NAME = /^[a-z][a-z0-9-]*$/;

function checkName(name: string): void {
  if (!NAME.test(name)) throw new TypeError(`state name ${name} must be lowercase letters, digits and -`);
}

/** `<locker>/state/<name>.json`, each rewritten atomically (temporary file, fsync, rename). */
export class FsStateStore implements StateStore {
  readonly location: string;

  constructor(lockerDir: string) {
    this.location = join(lockerDir, 'state');
  }

  async read<T>(name: string, schema: z.ZodType<T>): Promise<T | undefined> {
    checkName(name);
    const path = join(this.location, `${name}.json`);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AnnexaError('state-corrupt', `${path} is not JSON: restore it from a backup or delete it`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AnnexaError('state-corrupt', `${path} is not valid monitor state: restore it or delete it`);
    }
    return parsed.data;
  }

  async write(name: string, value: unknown): Promise<void> {
    checkName(name);
    await mkdir(this.location, { recursive: true });
    const path = join(this.location, `${name}.json`);
    const temp = join(this.location, `.${name}.${process.pid}.${randomUUID()}.tmp`);
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }
}

/** State in memory, for tests and dry runs. */
export class MemoryStateStore implements StateStore {
  readonly location = 'memory';
  readonly values = new Map<string, string>();

  async read<T>(name: string, schema: z.ZodType<T>): Promise<T | undefined> {
    checkName(name);
    const text = this.values.get(name);
    return text === undefined ? undefined : schema.parse(JSON.parse(text));
  }

  async write(name: string, value: unknown): Promise<void> {
    checkName(name);
    this.values.set(name, JSON.stringify(value));
  }
}
