import { type GoogleFailure, isRetryable, readFailure } from './errors.js';

export interface BackoffTuning {
  /** Retries after the first attempt. */
  retries: number;
  /** First wait; doubles each retry (Google asks for exponential backoff). */
  baseDelayMs: number;
  /** No single wait is longer. */
  maxDelayMs: number;
}

/** Google's guidance: back off exponentially from about a second; 6 retries reach ~1 minute in total. */
export const DEFAULT_BACKOFF: BackoffTuning = { retries: 6, baseDelayMs: 1000, maxDelayMs: 32_000 };

/**
 * Runs `attempt` until it succeeds, fails for a reason that waiting cannot fix, or retries run out. Waits honour
 * Retry-After when Google sends it. `onRetry` hears of each wait (for logs). Throws the last error.
 */
export async function withBackoff<T>(
  attempt: () => Promise<T>,
  tuning: BackoffTuning,
  signal: AbortSignal,
  onRetry: (failure: GoogleFailure, delayMs: number, retry: number) => void = () => {},
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const failure = readFailure(error);
      if (retry >= tuning.retries || !isRetryable(failure) || signal.aborted) throw error;
      const exponential = Math.min(tuning.maxDelayMs, tuning.baseDelayMs * 2 ** retry);
      const delayMs =
        failure.retryAfterSeconds === undefined
          ? exponential
          : Math.min(tuning.maxDelayMs, failure.retryAfterSeconds * 1000);
      onRetry(failure, delayMs, retry + 1);
      await sleep(delayMs, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
