import type { Unit } from '@annexa/connector-aws';
import { z } from 'zod';

/** Why an account (or account × region) could not be collected, as evidence keeps it. */
export const unitFailureSchema = z
  .object({ status: z.enum(['not-assessable', 'error']), reason: z.string() })
  .strict();
export type UnitFailure = z.infer<typeof unitFailureSchema>;

/** One account's observation, or why there is none. */
export const perAccount = <T extends z.ZodType>(data: T) =>
  z.union([
    z.object({ account: z.string(), data }).strict(),
    z.object({ account: z.string(), failure: unitFailureSchema }).strict(),
  ]);

/** One account × region's observation, or why there is none. */
export const perRegion = <T extends z.ZodType>(data: T) =>
  z.union([
    z.object({ account: z.string(), region: z.string(), data }).strict(),
    z.object({ account: z.string(), region: z.string(), failure: unitFailureSchema }).strict(),
  ]);

type Settled<T> =
  | { account: string; region?: string; data: T }
  | { account: string; region?: string; failure: UnitFailure };

/**
 * Units become evidence entries, sorted so the same estate always hashes the same. A unit that failed is kept
 * as a failure (checks report it not-assessable); if every unit failed, the first error is thrown, so the
 * whole collection is recorded not-assessable (or error) with its reason, as for any other collector.
 */
export function settle<T>(units: readonly Unit<T>[]): Settled<T>[] {
  const first = units[0];
  if (first && units.every((unit) => !unit.ok) && !first.ok) throw first.error;
  return units
    .map((unit): Settled<T> => {
      const where =
        unit.region === undefined
          ? { account: unit.account }
          : { account: unit.account, region: unit.region };
      if (unit.ok) return { ...where, data: unit.value };
      const status =
        unit.error.code === 'forbidden' || unit.error.code === 'not-found' ? 'not-assessable' : 'error';
      return { ...where, failure: { status, reason: unit.error.message } };
    })
    .sort((a, b) => compare(`${a.account}/${a.region ?? ''}`, `${b.account}/${b.region ?? ''}`));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
