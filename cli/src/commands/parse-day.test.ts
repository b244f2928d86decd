import { InputError } from '@annexa/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseDay } from './parse-day.js';

describe('parseDay (--from, --to)', () => {
  test('a date is its start, or with endOfDay its last millisecond; RFC 3339 times are taken as given', () => {
    expect(parseDay('2026-03-01', '--from', false).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseDay('2026-03-01', '--to', true).toISOString()).toBe('2026-03-01T23:59:59.999Z');
    expect(parseDay('2026-03-01T12:00:00+02:00', '--to', true).toISOString()).toBe(
      '2026-03-01T10:00:00.000Z',
    );
  });

  test('any other text is an InputError naming the flag, never another exception', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (text, endOfDay) => {
        try {
          const date = parseDay(text, '--from', endOfDay);
          expect(Number.isNaN(date.getTime())).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).message).toContain('--from');
        }
      }),
      { numRuns: 500 },
    );
    expect(() => parseDay('last tuesday', '--to', false)).toThrow(InputError);
    expect(() => parseDay('2026-13-45', '--to', false)).toThrow(InputError);
  });
});
