/** Opaque-looking page tokens that carry an offset, as Google's do something of the kind. */
export function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

/** The offset a page token stands for; undefined for a token the fake never issued. */
export function readPageToken(token: string | null): number | undefined {
  if (token === null || token === '') return 0;
  const match = /^offset:(\d{1,12})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** `maxResults` as the Admin SDK reads it: absent gives the default, larger than the maximum is clamped. */
export function readMaxResults(text: string | null, fallback: number, maximum: number): number | undefined {
  if (text === null) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) return undefined;
  return Math.min(Number(text), maximum);
}
