/**
 * The primary rate limit, per token: 5,000 requests an hour, counted down on every request and reported in
 * the `x-ratelimit-*` headers. When a budget reaches zero the fake answers as GitHub does (403, remaining 0).
 */
export const HOURLY_LIMIT = 5000;
const ANONYMOUS_LIMIT = 60;

export interface RateLimitState {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds. */
  reset: number;
  /** `core` or `graphql`: which budget, as `x-ratelimit-resource` says. */
  resource?: string;
}

interface Budget {
  used: number;
  reset: number;
}

export class RateLimitLedger {
  readonly #budgets = new Map<string, Budget>();
  readonly #limit: number;
  readonly #windowSeconds: number;

  /** A scenario may shrink the budget and its window, to show pausing before the limit in seconds. */
  constructor(options: { limit?: number; windowSeconds?: number } = {}) {
    this.#limit = options.limit ?? HOURLY_LIMIT;
    this.#windowSeconds = options.windowSeconds ?? 3600;
  }

  /** Counts one request against the caller's budget (undefined = no token) and returns the state after it. */
  consume(key: string | undefined, now: Date, resource = 'core'): RateLimitState {
    const budget = this.#budget(key, now);
    const limit = key === undefined ? ANONYMOUS_LIMIT : this.#limit;
    budget.used = Math.min(limit, budget.used + 1);
    return { limit, remaining: limit - budget.used, used: budget.used, reset: budget.reset, resource };
  }

  /** The state without counting a request (a 304 does not cost quota). */
  peek(key: string | undefined, now: Date, resource = 'core'): RateLimitState {
    const budget = this.#budget(key, now);
    const limit = key === undefined ? ANONYMOUS_LIMIT : this.#limit;
    return { limit, remaining: limit - budget.used, used: budget.used, reset: budget.reset, resource };
  }

  isExhausted(key: string | undefined, now: Date): boolean {
    return this.peek(key, now).remaining <= 0;
  }

  #budget(key: string | undefined, now: Date): Budget {
    const id = key ?? '';
    const nowSeconds = Math.floor(now.getTime() / 1000);
    let budget = this.#budgets.get(id);
    if (!budget || budget.reset <= nowSeconds) {
      budget = { used: 0, reset: nowSeconds + this.#windowSeconds };
      this.#budgets.set(id, budget);
    }
    return budget;
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-used': String(state.used),
    'x-ratelimit-reset': String(state.reset),
    'x-ratelimit-resource': state.resource ?? 'core',
  };
}
