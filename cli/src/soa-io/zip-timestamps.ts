const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
// DOS dates start in 1980: earlier dates (the epoch) are written as its first day.
const DOS_EPOCH = Date.UTC(1980, 0, 1);
// ...and end in 2107.
const DOS_END = Date.UTC(2107, 11, 31, 23, 59, 58);

/**
 * Sets every entry's modification time in a zip to `date`. The XLSX writer stamps each entry with the
 * current time, so two exports of the same SoA would differ; this makes the bytes depend on the input only.
 * Rewrites the header fields in place (CRCs do not cover them), following the central directory.
 */
export function fixZipTimestamps(zip: Buffer, date: Date): Buffer {
  const out = Buffer.from(zip);
  const { time, day } = dosDateTime(date);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || out.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) throw new Error('not a zip file');
  const entries = out.readUInt16LE(end + 10);
  let offset = out.readUInt32LE(end + 16);
  for (let index = 0; index < entries; index += 1) {
    if (out.readUInt32LE(offset) !== CENTRAL_HEADER) throw new Error('corrupt zip central directory');
    out.writeUInt16LE(time, offset + 12);
    out.writeUInt16LE(day, offset + 14);
    const local = out.readUInt32LE(offset + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error('corrupt zip local header');
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(day, local + 12);
    offset +=
      46 + out.readUInt16LE(offset + 28) + out.readUInt16LE(offset + 30) + out.readUInt16LE(offset + 32);
  }
  return out;
}

/** MS-DOS time and date words, in UTC so the result does not depend on the machine's time zone. */
export function dosDateTime(date: Date): { time: number; day: number } {
  const at = new Date(Math.min(Math.max(date.getTime(), DOS_EPOCH), DOS_END));
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    day: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}
