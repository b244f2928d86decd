import { recordRequest } from '@annexa/core';

/**
 * A fetch that records every response (retries and errors included) as provenance: method, path relative to
 * the API root with its query, status. Nothing else: no headers, no body. It also refuses anything but GET and
 * HEAD, so a read-only connector stays read-only whatever a library does.
 */
export function createRecordingFetch(baseUrl: string): typeof fetch {
  const apiRoot = new URL(baseUrl);
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      throw new Error(`refusing to send ${method} ${relativePath(url, apiRoot)}: Annexa only reads`);
    }
    const response = await fetch(input, init);
    recordRequest({ method, path: relativePath(url, apiRoot), status: response.status });
    return response;
  };
}

/** `/orgs/acme?per_page=100` for `https://ghe.example.com/api/v3/orgs/acme?per_page=100` under `/api/v3`. */
export function relativePath(url: URL, apiRoot: URL): string {
  const prefix = apiRoot.pathname.replace(/\/+$/, '');
  const path =
    url.origin === apiRoot.origin && prefix !== '' && url.pathname.startsWith(`${prefix}/`)
      ? url.pathname.slice(prefix.length)
      : url.pathname;
  return `${path}${url.search}`;
}
