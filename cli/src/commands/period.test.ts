import { InputError } from '@annexa/core';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseBound, parsePeriod } from './period.js';

test('a date as --to is the end of that day; times are taken as given', () => {
  expect(parsePeriod('2026-01-01', '2026-12-31')).toEqual({
    from: new Date('2026-01-01T00:00:00Z'),
    to: new Date('2027-01-01T00:00:00Z'),
  });
  expect(parseBound('2026-06-01T12:00:00+02:00', '--from')).toEqual(new Date('2026-06-01T10:00:00Z'));
});

test('bad bounds name the option', () => {
  expect(() => parseBound('last tuesday', '--from')).toThrow(/--from: "last tuesday" is not a date/);
  expect(() => parsePeriod('2026-02-01', '2026-01-01')).toThrow(/--to: the period ends/);
});

test('no input makes the period parser throw anything but an InputError naming the option', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (from, to) => {
      try {
        const period = parsePeriod(from, to);
        expect(period.from.getTime()).toBeLessThan(period.to.getTime());
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).message).toMatch(/^--(from|to): /);
      }
    }),
  );
});
