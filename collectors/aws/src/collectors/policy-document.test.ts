import fc from 'fast-check';
import { expect, test } from 'vitest';
import { grantsFullAdmin } from './policy-document.js';

const doc = (statement: unknown) =>
  encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statement }));

test('"*" on "*" without condition is full admin, in any of the shapes IAM allows', () => {
  expect(grantsFullAdmin(doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]))).toBe(true);
  expect(grantsFullAdmin(doc({ Effect: 'Allow', Action: ['s3:*', '*'], Resource: ['*'] }))).toBe(true);
  expect(
    grantsFullAdmin(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })),
  ).toBe(true);
});

test('scoped, denied or conditioned statements are not; an unreadable document is unknown (null)', () => {
  expect(grantsFullAdmin(doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]))).toBe(false);
  expect(grantsFullAdmin(doc([{ Effect: 'Deny', Action: '*', Resource: '*' }]))).toBe(false);
  expect(
    grantsFullAdmin(
      doc([
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ]),
    ),
  ).toBe(false);
  expect(grantsFullAdmin(doc([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]))).toBe(false);
  expect(grantsFullAdmin('%7B')).toBeNull();
  expect(grantsFullAdmin('%E0%A4%A')).toBeNull();
  expect(grantsFullAdmin(undefined)).toBeNull();
});

test('fuzz: never throws, whatever the document', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.json().map((json) => encodeURIComponent(json)),
      ),
      (text) => {
        expect([true, false, null]).toContain(grantsFullAdmin(text));
      },
    ),
    { numRuns: 500 },
  );
});
