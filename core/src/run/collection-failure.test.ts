import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ConnectorError, type ConnectorErrorCode } from '../errors/errors.js';
import { describeCollectionFailure } from './collection-failure.js';

const codes: ConnectorErrorCode[] = [
  'auth',
  'forbidden',
  'not-found',
  'rate-limited',
  'upstream',
  'invalid-request',
];

test('forbidden and not-found are not-assessable; every other failure is an error', () => {
  const statuses = codes.map(
    (code) => describeCollectionFailure(new ConnectorError(code, 'why'), 'x.y').status,
  );
  expect(statuses).toEqual(['error', 'not-assessable', 'not-assessable', 'error', 'error', 'error']);
  expect(describeCollectionFailure('a string was thrown', 'x.y')).toEqual({
    status: 'error',
    reason: 'unexpected error in collector x.y: a string was thrown',
  });
  expect(describeCollectionFailure(new Error(''), 'x.y').reason).toBe(
    'unexpected error in collector x.y: Error',
  );
});

test('whatever was thrown, the reason is one short line without a stack', () => {
  const thrown = fc.oneof(
    fc.string().map((message) => new Error(message)),
    fc
      .tuple(fc.constantFrom(...codes), fc.string())
      .map(([code, message]) => new ConnectorError(code, message)),
    fc.anything({ withNullPrototype: true }),
    fc.constant({ toString: 0 }),
  );
  fc.assert(
    fc.property(thrown, (error) => {
      const { reason } = describeCollectionFailure(error, 'forge.repos');
      expect(reason).not.toMatch(/[\r\n]/);
      expect(reason.length).toBeLessThanOrEqual(360);
    }),
  );
});
