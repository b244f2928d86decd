import type { Logger } from '@annexa/core';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type Bottleneck from 'bottleneck';
import { CONNECTOR_VERSION } from './version.js';

// Internal on purpose: exporting the type of Octokit.plugin(...) fails with TS2883 under pnpm's layout,
// so only its `request` function (typed by @octokit/rest itself) leaves this module.
const PluggedOctokit = Octokit.plugin(throttling);

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
 * Octokit with the throttling plugin (waits out primary and secondary rate limits, logging each wait) and a
 * retry of 5xx and network errors (what @octokit/plugin-retry did). Rate-limit statuses are left to throttling
 * alone, so a 403/429 is never retried twice over.
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
      // mutation). Annexa sends only queries (the fetch refuses anything else), and the client sends them one at
      // a time itself: no spacing is needed, and even an unspaced Bottleneck job cost ~10 ms a query.
      write: UNSPACED as unknown as Bottleneck.Group,
      // Not in the plugin's option types, but read from its options like `write`: the default global group
      // caps requests in flight at 10 with a Bottleneck job per request, ~4 ms of timers each, on every page of
      // every chain; the same cap is kept without timers. Likewise the limiter that re-runs a request after a
      // rate-limit wait.
      ...({ global: inFlightCap(10), retryLimiter: new RetryingRunner() } as object),
    },
  });
  // What @octokit/plugin-retry did (retry 5xx and network failures, and GraphQL's "Something went wrong"),
  // without the Bottleneck limiter it built for every request (~4 ms of timers on every page of every chain).
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await request(requestOptions);
        const errors = (response.data as { errors?: { message?: unknown }[] } | null)?.errors;
        const first = Array.isArray(errors) ? errors[0] : undefined;
        if (
          attempt <= tuning.serverErrorRetries &&
          typeof first?.message === 'string' &&
          /Something went wrong while executing your query/.test(first.message)
        ) {
          await sleep(attempt ** 2 * tuning.serverErrorBackoffMs);
          continue;
        }
        return response;
      } catch (error) {
        if (attempt > tuning.serverErrorRetries || !isRetryable(error)) throw error;
        await sleep(attempt ** 2 * tuning.serverErrorBackoffMs);
      }
    }
  });
  return { request: octokit.request, graphql: octokit.graphql };
}

/** Statuses a retry cannot change; rate limits (403/429) are the throttling plugin's. */
const DO_NOT_RETRY = new Set([400, 401, 403, 404, 410, 422, 429, 451]);

/** An Octokit RequestError (a network failure is one too, status 500) whose status is worth another try. */
function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('request' in error) || !('status' in error))
    return false;
  const { status } = error as { status: unknown };
  return typeof status === 'number' && status >= 400 && !DO_NOT_RETRY.has(status);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Stands in for the plugin's `write` group, which it only ever asks to `schedule(options, noop)` before a POST:
 * runs the job at once, without Bottleneck's timers.
 */
const UNSPACED = {
  key: () => ({
    schedule: (...args: unknown[]): Promise<unknown> => {
      const at = args.findIndex((arg) => typeof arg === 'function');
      const job = args[at] as (...jobArgs: unknown[]) => unknown;
      return Promise.resolve().then(() => job(...args.slice(at + 1)));
    },
  }),
};

/**
 * Stands in for the plugin's `global` group: at most `limit` jobs at once per client, the rest in order. Only
 * `key(id).schedule(options, job, ...args)` is used by the plugin.
 */
export function inFlightCap(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const schedule = async (...args: unknown[]): Promise<unknown> => {
    const at = args.findIndex((arg) => typeof arg === 'function');
    const job = args[at] as (...jobArgs: unknown[]) => unknown;
    // A finishing job hands its slot straight to the next waiting one, so no newcomer can slip in between.
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await job(...args.slice(at + 1));
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
  return { key: () => ({ schedule }) };
}

type FailedListener = (error: unknown, info: { args: unknown[]; retryCount: number }) => unknown;

/**
 * Stands in for the plugin's retry limiter (a plain Bottleneck): runs a job at once; when it fails, asks the
 * `failed` listeners (the plugin's rate-limit handler), and if one answers a number of milliseconds, waits that
 * long and runs the job again, as Bottleneck does.
 */
export class RetryingRunner {
  readonly #failed: FailedListener[] = [];

  on(event: string, listener: FailedListener): void {
    if (event === 'failed') this.#failed.push(listener);
  }

  async schedule(...args: unknown[]): Promise<unknown> {
    const at = args.findIndex((arg) => typeof arg === 'function');
    const job = args[at] as (...jobArgs: unknown[]) => unknown;
    const jobArgs = args.slice(at + 1);
    for (let retryCount = 0; ; retryCount++) {
      try {
        return await job(...jobArgs);
      } catch (error) {
        const answers = await Promise.all(
          this.#failed.map((listener) => listener(error, { args: jobArgs, retryCount })),
        );
        const waitMs = answers.find((answer) => typeof answer === 'number');
        if (waitMs === undefined) throw error;
        await sleep(waitMs as number);
      }
    }
  }
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
