/**
 * Reads an RFC 8288 `Link` header as GitHub sends it (`<url>; rel="next", <url>; rel="last"`) into rel → URL.
 * Untrusted input: anything it cannot read is skipped, never thrown.
 */
export function parseLinkHeader(header: string | undefined): Map<string, string> {
  const links = new Map<string, string>();
  if (!header) return links;
  for (const match of header.matchAll(/<([^<>]*)>((?:\s*;\s*[^;,<>]+)*)/g)) {
    const [, target = '', params = ''] = match;
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(params)?.[1];
    if (!rel) continue;
    for (const name of rel.trim().split(/\s+/)) {
      if (!links.has(name.toLowerCase())) links.set(name.toLowerCase(), target);
    }
  }
  return links;
}
