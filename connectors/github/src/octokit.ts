import type { Logger } from '@annexa/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { CONNECTOR_VERSION } from './version.js';

// Internal on purpose: exporting the type of Octokit.plugin(...) fails with TS2883 under pnpm's layout,
// so only its `request` function (typed by @octokit/rest itself) leaves this module.
const PluggedOctokit = Octokit.plugin(throttling, retry);

/** Octokit's request function, with auth, throttling and retry hooks applied. */
export type GitHubRequest = Octokit['request'];
/** Octokit's GraphQL function, sharing the hooks (throttling, retry) of the request function. */
export type GitHubGraphql = Octokit['graphql'];

export interface OctokitTuning {
  /** Rate-limit waits (primary or secondary) before giving up. */
  rateLimitRetries: number;
  /** A wait longer than this is not worth it: give up with `rate-limited` instead of stalling the run. */
  maxRateLimitWaitSeconds: number;
  /** Retries of 5xx and network failures, backing off 1, 4, 9... times `serverErrorBackoffMs`. */
  serverErrorRetries: number;
  serverErrorBackoffMs: number;
}

export const DEFAULT_TUNING: OctokitTuning = {
  rateLimitRetries: 3,
  maxRateLimitWaitSeconds: 600,
  serverErrorRetries: 3,
  serverErrorBackoffMs: 1000,
};

/**
 * Octokit with the throttling plugin (waits out primary and secondary rate limits, logging each wait) and the
 * retry plugin (5xx and network errors). Rate-limit statuses are left to throttling alone, so a 403/429 is
 * never retried twice over.
 */
export function createOctokit(options: {
  /** A fixed token, or a function giving a valid one before every request (a GitHub App installation). */
  token: string | (() => Promise<string>);
  baseUrl: string;
  instance: string;
  log: Logger;
  tuning: OctokitTuning;
}): { request: GitHubRequest; graphql: GitHubGraphql } {
  const { log, tuning } = options;
  const onLimit =
    (kind: 'primary' | 'secondary') =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const details = { kind, method: request.method, route: request.url, retryAfterSeconds: retryAfter };
      if (retryCount < tuning.rateLimitRetries && retryAfter <= tuning.maxRateLimitWaitSeconds) {
        log.warn(
          { ...details, attempt: retryCount + 1 },
          'GitHub rate limit reached: waiting before retrying',
        );
        return true;
      }
      log.warn(details, 'GitHub rate limit reached: giving up');
      return false;
    };
  // Octokit's own messages (deprecations, plugin warnings) go to our logger, never the console.
  const octokitLog = {
    debug: (message: unknown) => log.debug({ source: 'octokit' }, String(message)),
    info: (message: unknown) => log.info({ source: 'octokit' }, String(message)),
    warn: (message: unknown) => log.warn({ source: 'octokit' }, String(message)),
    // Octokit's request log reports every 4xx as an error line; an expected 403/404 (a feature the plan lacks)
    // is an answer here, and every real failure surfaces as a ConnectorError anyway: keep those lines at debug.
    error: (message: unknown) =>
      /^[A-Z]+ \S+ - \d{3} with id /.test(String(message))
        ? log.debug({ source: 'octokit' }, String(message))
        : log.error({ source: 'octokit' }, String(message)),
  };
  const { token } = options;
  const octokit = new PluggedOctokit({
    ...(typeof token === 'string' ? { auth: token } : { authStrategy: () => installationAuth(token) }),
    baseUrl: options.baseUrl,
    userAgent: `annexa/${CONNECTOR_VERSION}`,
    log: octokitLog,
    request: { log: octokitLog },
    throttle: {
      id: `annexa-${options.instance}`,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      // The plugin spaces every POST 1 s apart, GraphQL queries included (it cannot tell a query from a
      // mutation). Annexa sends only queries (the fetch refuses anything else), one at a time: no spacing needed.
      write: new Bottleneck.Group({ id: `annexa-graphql-${options.instance}`, maxConcurrent: 1, minTime: 0 }),
    },
    retry: {
      retries: tuning.serverErrorRetries,
      retryAfterBaseValue: tuning.serverErrorBackoffMs,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
  });
  return { request: octokit.request, graphql: octokit.graphql };
}

type EndpointRequest = ((options: unknown) => Promise<unknown>) & {
  endpoint: { merge(route: unknown, parameters?: unknown): { headers: Record<string, string> } };
};

/**
 * An Octokit auth strategy that asks for a token before every request (as @octokit/auth-token does for a fixed
 * one), so an expiring installation token is replaced without rebuilding the client.
 */
function installationAuth(token: () => Promise<string>) {
  return Object.assign(async () => ({ type: 'token', tokenType: 'installation', token: await token() }), {
    hook: async (request: EndpointRequest, route: unknown, parameters?: unknown) => {
      const endpoint = request.endpoint.merge(route, parameters);
      endpoint.headers.authorization = `token ${await token()}`;
      return request(endpoint);
    },
  });
}
