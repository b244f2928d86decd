import { z } from 'zod';

/**
 * Fault injection. `first: N` means the next N requests that reach a fake service fail that way, then
 * normal service resumes. Counters restart whenever faults are set.
 */
export const faultsSchema = z
  .object({
    rateLimit: z
      .object({
        first: z.number().int().nonnegative(),
        retryAfterSeconds: z.number().int().nonnegative(),
        kind: z.enum(['secondary', 'primary']),
        /** GitHub answers a rate limit with 403 or 429; 403 unless told. */
        status: z.union([z.literal(403), z.literal(429)]).optional(),
      })
      .strict()
      .optional(),
    serverErrors: z
      .object({
        first: z.number().int().nonnegative(),
        status: z.union([z.literal(500), z.literal(502), z.literal(503)]),
      })
      .strict()
      .optional(),
    /** Delay before every response, to exercise timeouts and concurrency. */
    latencyMs: z.number().int().nonnegative().optional(),
  })
  .strict();

export type Faults = z.input<typeof faultsSchema>;
export type RateLimitFault = NonNullable<z.output<typeof faultsSchema>['rateLimit']>;

export type InjectedFault =
  | { kind: 'rate-limit'; fault: RateLimitFault }
  | { kind: 'server-error'; status: 500 | 502 | 503 };

/** The live fault state of a sandbox: how many failures of each kind are still to be served. */
export class FaultPlan {
  #rateLimit: { fault: RateLimitFault; left: number } | undefined;
  #serverErrors: { status: 500 | 502 | 503; left: number } | undefined;
  #latencyMs = 0;

  constructor(faults: Faults = {}) {
    this.set(faults);
  }

  set(faults: Faults): void {
    const parsed = faultsSchema.safeParse(faults);
    if (!parsed.success) throw new TypeError(`invalid sandbox faults: ${z.prettifyError(parsed.error)}`);
    const { rateLimit, serverErrors, latencyMs } = parsed.data;
    this.#rateLimit = rateLimit ? { fault: rateLimit, left: rateLimit.first } : undefined;
    this.#serverErrors = serverErrors ? { status: serverErrors.status, left: serverErrors.first } : undefined;
    this.#latencyMs = latencyMs ?? 0;
  }

  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** The fault the next request suffers, if any; consumes one from its counter. Rate limits go first. */
  take(): InjectedFault | undefined {
    if (this.#rateLimit && this.#rateLimit.left > 0) {
      this.#rateLimit.left--;
      return { kind: 'rate-limit', fault: this.#rateLimit.fault };
    }
    if (this.#serverErrors && this.#serverErrors.left > 0) {
      this.#serverErrors.left--;
      return { kind: 'server-error', status: this.#serverErrors.status };
    }
    return undefined;
  }
}
