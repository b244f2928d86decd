import { InputError } from '@annexa/core';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * A period bound from the command line: a date (`2026-12-31`, UTC) or an RFC 3339 time. A date as `--to`
 * means the end of that day, so `--from 2026-01-01 --to 2026-12-31` is the whole year.
 */
export function parseBound(value: string, option: '--from' | '--to'): Date {
  const time = DATE_ONLY.test(value)
    ? Date.parse(`${value}T00:00:00Z`) + (option === '--to' ? 86_400_000 : 0)
    : DATE_TIME.test(value)
      ? Date.parse(value)
      : Number.NaN;
  if (Number.isNaN(time)) {
    throw new InputError('usage', [
      {
        location: { file: option },
        message: `"${value}" is not a date; use YYYY-MM-DD or RFC 3339, e.g. 2026-12-31 or 2026-12-31T23:59:59Z`,
      },
    ]);
  }
  return new Date(time);
}

export function parsePeriod(from: string, to: string): { from: Date; to: Date } {
  const period = { from: parseBound(from, '--from'), to: parseBound(to, '--to') };
  if (period.from.getTime() >= period.to.getTime()) {
    throw new InputError('usage', [
      { location: { file: '--to' }, message: `the period ends (${to}) before it starts (${from})` },
    ]);
  }
  return period;
}
