import { ConnectorError, type Logger } from '@annexa/core';

interface Budget {
  limit: number;
  remaining: number;
  /** Epoch milliseconds. */
  resetMs: number;
}

export interface RateGateOptions {
  log: Logger;
  /** The longest wait for a reset that is worth it; past it the request fails as rate-limited. */
  maxWaitSeconds: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Pauses *before* the primary rate limit instead of running into it. It reads `x-ratelimit-remaining` and
 * `x-ratelimit-reset` of every response, counts down locally for requests in flight, and when a budget is down
 * to its reserve (1% of the limit, at least 1) waits for the reset. GitHub asks clients not to run into the
 * limit: "continuing to make requests while you are rate limited may result in the banning of your integration".
 */
export class RateLimitGate {
  readonly #budgets = new Map<string, Budget>();
  readonly #options: Required<RateGateOptions>;
  /** Total time spent waiting for resets, for the benchmark and the logs. */
  waitedMs = 0;

  constructor(options: RateGateOptions) {
    this.#options = {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...options,
    };
  }

  /** Records what a response says of its budget. */
  observe(resource: string, headers: Headers): void {
    const limit = Number(headers.get('x-ratelimit-limit'));
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (!headers.has('x-ratelimit-remaining') || !Number.isFinite(remaining) || !Number.isFinite(reset))
      return;
    const known = this.#budgets.get(resource);
    const resetMs = reset * 1000;
    // Responses arrive out of order: keep the lowest remaining within one window.
    if (known && known.resetMs === resetMs && known.remaining < remaining) return;
    this.#budgets.set(resource, {
      limit: Number.isFinite(limit) && limit > 0 ? limit : remaining,
      remaining,
      resetMs,
    });
  }

  /** Waits, if the budget of `resource` is down to its reserve, until it resets; then lets one request go. */
  async admit(resource: string): Promise<void> {
    for (;;) {
      const budget = this.#budgets.get(resource);
      if (!budget) return;
      const reserve = Math.max(1, Math.ceil(budget.limit / 100));
      if (budget.remaining > reserve) {
        budget.remaining--;
        return;
      }
      const waitMs = budget.resetMs - this.#options.now() + 1000;
      if (waitMs <= 0) {
        this.#budgets.delete(resource);
        return;
      }
      if (waitMs > this.#options.maxWaitSeconds * 1000) {
        throw new ConnectorError(
          'rate-limited',
          `GitHub's ${resource} rate limit has ${budget.remaining} requests left and resets in ${Math.ceil(waitMs / 1000)} s, longer than Annexa waits (${this.#options.maxWaitSeconds} s): run again after the reset, or use a GitHub App installation (higher limits)`,
        );
      }
      this.#options.log.warn(
        { resource, remaining: budget.remaining, waitSeconds: Math.ceil(waitMs / 1000) },
        'GitHub rate limit nearly spent: pausing until it resets',
      );
      this.#budgets.delete(resource);
      this.waitedMs += waitMs;
      await this.#options.sleep(waitMs);
    }
  }
}

/** Which budget a request spends, from its URL. */
export function rateLimitResource(url: URL): string {
  if (url.pathname.endsWith('/graphql')) return 'graphql';
  if (url.pathname.includes('/audit-log')) return 'audit_log';
  return 'core';
}
