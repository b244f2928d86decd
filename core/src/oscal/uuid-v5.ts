import { createHash } from 'node:crypto';

/** Annexa's namespace for name-based UUIDs: the same content always gets the same UUID. */
export const ANNEXA_UUID_NAMESPACE = '3c1f6a52-8e0b-5d6f-9a41-7b2d0c9e4f13';

/** RFC 9562 version 5 UUID (SHA-1, name-based) of `name` in `namespace`. */
export function uuidV5(name: string, namespace = ANNEXA_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
