import { InputError } from '@annexa/core';

/**
 * A `--from`/`--to` value: `YYYY-MM-DD` (UTC; with endOfDay, the last millisecond of that day) or an RFC 3339
 * time. Anything else is an InputError naming the flag.
 */
export function parseDay(text: string, flag: string, endOfDay: boolean): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const parsed = new Date(dateOnly ? `${text}T00:00:00.000Z` : text);
  if ((!dateOnly && !rfc3339) || Number.isNaN(parsed.getTime())) {
    throw new InputError('usage', [
      { location: { file: flag }, message: `"${text}" is not a date; use YYYY-MM-DD` },
    ]);
  }
  return dateOnly && endOfDay ? new Date(parsed.getTime() + 86_399_999) : parsed;
}
