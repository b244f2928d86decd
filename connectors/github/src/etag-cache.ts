import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const entrySchema = z.object({
  url: z.string(),
  etag: z.string(),
  body: z.string(),
  link: z.string().optional(),
});
export type CachedResponse = z.infer<typeof entrySchema>;

/**
 * ETags and bodies of earlier answers, on disk, so the next run can ask `If-None-Match` and get a 304, which
 * costs no primary quota. Entries are keyed by a hash of the token and the URL: two tokens may see different
 * bodies (an owner sees more than a member), and the token itself is never written.
 */
export class EtagCache {
  readonly #dir: string;
  readonly #tokenKey: string;
  #ready: Promise<unknown> | undefined;

  constructor(dir: string, token: string) {
    this.#dir = join(dir, 'github');
    this.#tokenKey = createHash('sha256').update(`annexa-etag:${token}`).digest('hex');
  }

  #file(url: string): string {
    return join(this.#dir, `${createHash('sha256').update(`${this.#tokenKey}\n${url}`).digest('hex')}.json`);
  }

  async get(url: string): Promise<CachedResponse | undefined> {
    try {
      const parsed = entrySchema.safeParse(JSON.parse(await readFile(this.#file(url), 'utf8')));
      return parsed.success && parsed.data.url === url ? parsed.data : undefined;
    } catch {
      // Missing or unreadable: a cache miss, never an error.
      return undefined;
    }
  }

  async put(entry: CachedResponse): Promise<void> {
    this.#ready ??= mkdir(this.#dir, { recursive: true });
    await this.#ready;
    const file = this.#file(entry.url);
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(entry));
    await rename(temporary, file);
  }
}
