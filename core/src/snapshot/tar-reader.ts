/**
 * A streaming tar reader for the bundles TarWriter writes (ustar with pax `path` records), strict enough to
 * refuse anything else: it is the first thing that touches a bundle an auditor was handed.
 */
const BLOCK = 512;

export class TarFormatError extends Error {}

export interface TarEntry {
  path: string;
  size: number;
  /** The content in chunks; must be consumed (or abandoned) before the next entry is read. */
  body: AsyncIterable<Buffer>;
}

/** Pull-based reader over a chunk stream: exact reads without holding more than one chunk. */
class ByteSource {
  private buffer: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly iterator: AsyncIterator<Buffer>) {}

  /** Up to `max` bytes (at least one unless the stream ended). */
  async some(max: number): Promise<Buffer> {
    if (this.buffer.byteLength === 0 && !this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else this.buffer = Buffer.from(next.value);
    }
    const out = this.buffer.subarray(0, max);
    this.buffer = this.buffer.subarray(out.byteLength);
    return out;
  }

  async exactly(length: number): Promise<Buffer | undefined> {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < length) {
      const part = await this.some(length - have);
      if (part.byteLength === 0) return undefined;
      parts.push(part);
      have += part.byteLength;
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  async skip(length: number): Promise<boolean> {
    let left = length;
    while (left > 0) {
      const part = await this.some(left);
      if (part.byteLength === 0) return false;
      left -= part.byteLength;
    }
    return true;
  }
}

export async function* readTar(chunks: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const source = new ByteSource(chunks[Symbol.asyncIterator]());
  let paxPath: string | undefined;
  for (;;) {
    const header = await source.exactly(BLOCK);
    if (header === undefined) throw new TarFormatError('the archive ends without its end-of-archive marker');
    if (header.every((byte) => byte === 0)) return;
    verifyChecksum(header);
    const type = String.fromCharCode(header[156] ?? 0);
    const size = parseOctal(header, 124, 12);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      const record = await source.exactly(padded);
      if (record === undefined) throw new TarFormatError('the archive ends inside a pax header');
      paxPath = parsePaxPath(record.subarray(0, size));
      continue;
    }
    if (type !== '0' && type !== '\u0000') {
      throw new TarFormatError(`entry of type "${type}" (only regular files belong in a bundle)`);
    }
    const path = paxPath ?? ustarPath(header);
    paxPath = undefined;
    let consumed = 0;
    let finished = false;
    const body = (async function* () {
      while (consumed < size) {
        const part = await source.some(size - consumed);
        if (part.byteLength === 0) throw new TarFormatError(`the archive ends inside ${path}`);
        consumed += part.byteLength;
        yield part;
      }
      finished = true;
    })();
    yield { path, size, body };
    if (!finished && !(await source.skip(size - consumed))) {
      throw new TarFormatError(`the archive ends inside ${path}`);
    }
    if (!(await source.skip(padded - size))) throw new TarFormatError(`the archive ends inside ${path}`);
  }
}

/** Reads a whole (small) entry body. */
export async function readBody(entry: TarEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of entry.body) parts.push(part);
  return Buffer.concat(parts);
}

function verifyChecksum(header: Buffer): void {
  const stored = parseOctal(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  if (sum !== stored) throw new TarFormatError('a tar header is damaged (its checksum does not match)');
}

function parseOctal(header: Buffer, offset: number, length: number): number {
  // Numbers end at the first NUL or space.
  const field = header.subarray(offset, offset + length).toString('ascii');
  const end = field.search(/[^0-7]/);
  const text = end === -1 ? field : field.slice(0, end);
  if (
    field
      .slice(text.length)
      .split('')
      .some((char) => char !== ' ' && char.charCodeAt(0) !== 0)
  ) {
    throw new TarFormatError('a tar header holds a malformed number');
  }
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError('a tar header holds a malformed number');
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function cString(buffer: Buffer): string {
  const end = buffer.indexOf(0);
  return buffer.subarray(0, end === -1 ? buffer.byteLength : end).toString('utf8');
}

function ustarPath(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const prefix = cString(header.subarray(345, 500));
  return prefix === '' ? name : `${prefix}/${name}`;
}

function parsePaxPath(record: Buffer): string | undefined {
  let rest = record.toString('utf8');
  let path: string | undefined;
  while (rest.length > 0) {
    const space = rest.indexOf(' ');
    const length = Number(rest.slice(0, space));
    if (space <= 0 || !Number.isInteger(length) || length <= space) {
      throw new TarFormatError('a pax header is malformed');
    }
    const line = Buffer.from(rest).subarray(0, length).toString('utf8');
    const [key, ...value] = line.slice(space + 1, -1).split('=');
    if (key === 'path') path = value.join('=');
    rest = Buffer.from(rest).subarray(length).toString('utf8');
  }
  return path;
}
