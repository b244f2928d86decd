import { recordRequest } from '@annexa/core';
import type { EtagCache } from './etag-cache.js';
import { type RateLimitGate, rateLimitResource } from './rate-gate.js';

export interface RecordingFetchOptions {
  /** The GraphQL endpoint: the one URL a POST may go to, and only with a query (never a mutation). */
  graphqlUrl?: string;
  gate?: RateLimitGate;
  cache?: EtagCache;
}

/**
 * A fetch that records every response (retries and errors included) as provenance: method, path relative to
 * the API root with its query, status. Nothing else: no headers, no body. It refuses anything but GET and HEAD,
 * and POSTs of GraphQL queries, so a read-only connector stays read-only whatever a library does.
 * It also pauses before the primary rate limit (gate) and turns unchanged answers into free 304s (cache).
 */
export function createRecordingFetch(baseUrl: string, options: RecordingFetchOptions = {}): typeof fetch {
  const apiRoot = new URL(baseUrl);
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const path = relativePath(url, apiRoot);
    if (method === 'POST') assertGraphqlQuery(url, init?.body, options.graphqlUrl, path);
    else if (method !== 'GET' && method !== 'HEAD') {
      throw new Error(`refusing to send ${method} ${path}: Annexa only reads`);
    }
    const resource = rateLimitResource(url);
    await options.gate?.admit(resource);
    const cached = method === 'GET' ? await options.cache?.get(url.href) : undefined;
    const headers = new Headers(init?.headers);
    if (cached) headers.set('if-none-match', cached.etag);
    const response = await fetch(input, { ...init, headers });
    options.gate?.observe(resource, response.headers);
    recordRequest({ method, path, status: response.status });
    if (cached && response.status === 304) {
      // Octokit would read a 304 as an error: hand it the cached answer, with the fresh rate-limit headers.
      const replay = new Headers(response.headers);
      replay.set('content-type', 'application/json; charset=utf-8');
      replay.set('etag', cached.etag);
      if (cached.link) replay.set('link', cached.link);
      else replay.delete('link');
      return new Response(cached.body, { status: 200, headers: replay });
    }
    const etag = response.headers.get('etag');
    if (options.cache && method === 'GET' && response.status === 200 && etag) {
      const body = await response.text();
      const link = response.headers.get('link');
      await options.cache.put({ url: url.href, etag, body, ...(link ? { link } : {}) });
      return new Response(body, { status: 200, headers: response.headers });
    }
    return response;
  };
}

function assertGraphqlQuery(url: URL, body: unknown, graphqlUrl: string | undefined, path: string): void {
  if (graphqlUrl === undefined || url.href !== new URL(graphqlUrl).href) {
    throw new Error(`refusing to send POST ${path}: Annexa only reads`);
  }
  let query: unknown;
  try {
    query = (JSON.parse(typeof body === 'string' ? body : '') as { query?: unknown }).query;
  } catch {
    query = undefined;
  }
  // A GraphQL document that starts with `query` (or `{`) reads; `mutation` and `subscription` are refused.
  if (typeof query !== 'string' || !/^\s*(query\b|\{)/.test(query)) {
    throw new Error(`refusing to send POST ${path}: only GraphQL queries are sent, never mutations`);
  }
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

/** GitHub's GraphQL endpoint for a REST base URL: `/graphql` on github.com, `/api/graphql` on GHES. */
export function graphqlEndpoint(baseUrl: string): string {
  return /\/api\/v3\/?$/.test(baseUrl)
    ? baseUrl.replace(/\/api\/v3\/?$/, '/api/graphql')
    : `${baseUrl}/graphql`;
}
