import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { readBody, readTar } from '../tar-reader.js';
import { TarWriter } from '../tar-writer.js';

/**
 * Copies a bundle entry by entry, letting a test change, drop or add files: what someone tampering with a
 * bundle would do with any tar tool.
 */
export async function rewriteBundle(
  from: string,
  to: string,
  edit: (path: string, bytes: Buffer) => Buffer | null,
  add: { path: string; bytes: Buffer }[] = [],
): Promise<void> {
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(to));
  const tar = new TarWriter(gzip);
  for await (const entry of readTar(createReadStream(from).pipe(createGunzip()))) {
    const bytes = edit(entry.path, await readBody(entry));
    if (bytes !== null) await tar.addFile(entry.path, bytes);
  }
  for (const file of add) await tar.addFile(file.path, file.bytes);
  await tar.finish();
  gzip.end();
  await done;
}
