import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { leafHash, MerkleBuilder } from './merkle.js';
import { readBody, readTar, TarFormatError } from './tar-reader.js';
import { TarWriter } from './tar-writer.js';

async function tarOf(files: { path: string; content: Buffer }[]): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  const tar = new TarWriter(out);
  for (const file of files) await tar.addFile(file.path, file.content);
  await tar.finish();
  return Buffer.concat(parts);
}

async function untar(bytes: Buffer, chunk = 4096): Promise<{ path: string; content: Buffer }[]> {
  async function* chunks() {
    for (let i = 0; i < bytes.byteLength; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const files = [];
  for await (const entry of readTar(chunks()))
    files.push({ path: entry.path, content: await readBody(entry) });
  return files;
}

describe('tar', () => {
  test('round-trips short, split (ustar prefix) and long (pax) paths, empty and odd-sized files', async () => {
    const files = [
      { path: 'a/empty', content: Buffer.alloc(0) },
      { path: `annexa-snapshot/${'d'.repeat(120)}/file.json`, content: Buffer.from('x'.repeat(513)) },
      { path: `annexa-snapshot/${'e'.repeat(300)}/ünïcode.pdf`, content: Buffer.from('pdf') },
    ];
    expect(await untar(await tarOf(files), 7)).toEqual(files);
  });

  test('fixed headers: the archive depends on the content only', async () => {
    const bytes = await tarOf([{ path: 'x/y.json', content: Buffer.from('{}') }]);
    expect(bytes.subarray(100, 108).toString()).toBe('0000644\u0000');
    expect(bytes.subarray(136, 148).toString()).toBe('00000000000\u0000');
    expect(bytes.byteLength).toBe(512 * 4);
  });

  test('any damage gives a TarFormatError or different content, never another exception', async () => {
    const good = await tarOf([
      { path: 'annexa-snapshot/a.json', content: Buffer.from('{"a":1}') },
      { path: `annexa-snapshot/${'p'.repeat(200)}/b`, content: Buffer.from('bbbb') },
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: good.byteLength - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: good.byteLength }),
        async (at, byte, cut) => {
          const bad = Buffer.from(good.subarray(0, cut));
          if (at < bad.byteLength) bad[at] = byte;
          try {
            await untar(bad, 100);
          } catch (error) {
            expect(error).toBeInstanceOf(TarFormatError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** RFC 6962 section 2.1, written recursively, to check the streaming builder against. */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0] as Buffer;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(referenceRoot(leaves.slice(0, k)))
    .update(referenceRoot(leaves.slice(k)))
    .digest();
}

test('the streaming Merkle root equals the RFC 6962 tree hash for every size', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 70 }), (n) => {
      const files = Array.from({ length: n }, (_, i) => ({ path: `f${i}`, size: i, sha256: 'a'.repeat(64) }));
      const builder = new MerkleBuilder();
      for (const file of files) builder.add(file);
      expect(builder.root()).toBe(`sha256:${referenceRoot(files.map(leafHash)).toString('hex')}`);
    }),
  );
});
