/** Exit codes are a contract with scripts and CI (documented in README.md). */
export const EXIT = {
  /** Clean: no drift, verification passed, command done. */
  ok: 0,
  /** Drift found (any kind but `understated`), or locker verification failed. */
  drift: 1,
  /** Bad usage, configuration or SoA. */
  usage: 2,
  /** Collection incomplete: some collectors were not assessable or failed; what was collected is kept. */
  incomplete: 3,
  /** An internal error: a bug in Annexa. The message says how to get details. */
  internal: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
