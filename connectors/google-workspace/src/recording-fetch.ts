import { recordRequest } from '@annexa/core';

/** Google's OAuth token endpoint, which google-auth-library's JWT client always addresses. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface RecordingFetchOptions {
  /**
   * Where token requests go instead of GOOGLE_TOKEN_URL: the `token_uri` of the service-account key file, which
   * google-auth-library ignores. Lets a private endpoint (or the loopback sandbox) serve tokens.
   */
  tokenUrl?: string;
}

/**
 * The fetch the Google clients use. It records every response (retries and errors included) as provenance:
 * method, path with query, status; never a header or body. It refuses anything but GET and HEAD, except the
 * POST of the OAuth token exchange, which reads nothing and changes nothing in the domain.
 */
export function createRecordingFetch(options: RecordingFetchOptions = {}): typeof fetch {
  return async (input, init) => {
    let url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const isToken =
      url.href === GOOGLE_TOKEN_URL || (options.tokenUrl !== undefined && url.href === options.tokenUrl);
    if (isToken && options.tokenUrl !== undefined) url = new URL(options.tokenUrl);
    if (method !== 'GET' && method !== 'HEAD' && !(isToken && method === 'POST')) {
      throw new Error(`refusing to send ${method} ${url.pathname}: Annexa only reads`);
    }
    const response = await fetch(isToken ? url : input, init);
    recordRequest({ method, path: `${url.pathname}${url.search}`, status: response.status });
    return response;
  };
}
