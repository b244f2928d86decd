import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * A deterministic tar (POSIX ustar, with pax headers for long paths) writer. We write the format ourselves
 * because every byte must be a function of the content alone: mtime 0, uid/gid 0, no user or group names,
 * mode 0644, regular files only. Directories are implied by the paths (every tar reader creates them).
 */
const BLOCK = 512;
const ZERO_BLOCK = Buffer.alloc(BLOCK);

export interface TarEntryHeader {
  path: string;
  size: number;
}

export class TarWriter {
  private bytes = 0;

  constructor(private readonly out: Writable) {}

  /** Bytes written so far (headers and padding included). */
  get written(): number {
    return this.bytes;
  }

  /** Writes one file; returns its SHA-256 (hex). */
  async addFile(path: string, content: Uint8Array): Promise<string> {
    await this.writeHeader({ path, size: content.byteLength });
    await this.push(content);
    await this.pad(content.byteLength);
    return createHash('sha256').update(content).digest('hex');
  }

  /** Writes one file whose content arrives in chunks; `size` must be exact. Returns its SHA-256 (hex). */
  async addStream(path: string, size: number, chunks: AsyncIterable<Uint8Array>): Promise<string> {
    await this.writeHeader({ path, size });
    const hash = createHash('sha256');
    let seen = 0;
    for await (const chunk of chunks) {
      seen += chunk.byteLength;
      if (seen > size) throw new Error(`${path}: more than the announced ${size} bytes`);
      hash.update(chunk);
      await this.push(chunk);
    }
    if (seen !== size) throw new Error(`${path}: ${seen} bytes where ${size} were announced`);
    await this.pad(size);
    return hash.digest('hex');
  }

  /** The end-of-archive marker: two zero blocks. */
  async finish(): Promise<void> {
    await this.push(ZERO_BLOCK);
    await this.push(ZERO_BLOCK);
  }

  private async writeHeader(entry: TarEntryHeader): Promise<void> {
    const split = splitUstarPath(entry.path);
    if (split === undefined) {
      // A pax extended header carries the full path; the ustar name is a truncated stand-in.
      const record = paxRecord('path', entry.path);
      await this.push(ustarHeader({ name: 'PaxHeader', prefix: '', size: record.byteLength, type: 'x' }));
      await this.push(record);
      await this.pad(record.byteLength);
      await this.push(ustarHeader({ name: entry.path.slice(-99), prefix: '', size: entry.size, type: '0' }));
    } else {
      await this.push(ustarHeader({ ...split, size: entry.size, type: '0' }));
    }
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest !== 0) await this.push(ZERO_BLOCK.subarray(0, BLOCK - rest));
  }

  private async push(chunk: Uint8Array): Promise<void> {
    this.bytes += chunk.byteLength;
    // Respect back-pressure, so a large bundle never piles up in memory.
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

/** Splits a path into ustar prefix (≤155 bytes) and name (≤100 bytes) at a slash, or undefined. */
function splitUstarPath(path: string): { name: string; prefix: string } | undefined {
  const bytes = Buffer.byteLength(path);
  if (bytes <= 100) return { name: path, prefix: '' };
  if (bytes > 256) return undefined;
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') {
      return { name, prefix };
    }
  }
  return undefined;
}

/** One pax record: "<length> <key>=<value>\n", where length counts itself. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyBytes = Buffer.byteLength(body);
  let length = bodyBytes + 1;
  while (String(length).length + bodyBytes !== length) length += 1;
  return Buffer.from(`${length}${body}`, 'utf8');
}

function ustarHeader(fields: { name: string; prefix: string; size: number; type: '0' | 'x' }): Buffer {
  const header = Buffer.alloc(BLOCK);
  header.write(fields.name, 0, 100, 'utf8');
  writeOctal(header, 100, 8, 0o644);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, fields.size);
  writeOctal(header, 136, 12, 0);
  header.write('        ', 148, 8, 'ascii');
  header.write(fields.type, 156, 1, 'ascii');
  header.write('ustar\u000000', 257, 8, 'ascii');
  header.write(fields.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return header;
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  const digits = value.toString(8);
  if (digits.length > length - 1) throw new Error(`tar: ${value} does not fit a ${length}-byte field`);
  header.write(`${digits.padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}
