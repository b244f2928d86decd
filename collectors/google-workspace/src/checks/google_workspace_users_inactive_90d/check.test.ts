import { expect, test } from 'vitest';
import { workspaceUsers } from '../../collectors/users.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { googleWorkspaceUsersInactive90d } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown, collectedAt?: string) =>
  evaluateWithEvidence(googleWorkspaceUsersInactive90d, {
    users: evidenceFixture(workspaceUsers, data, collectedAt ? { collectedAt } : {}),
  });

test('pass: suspended users and new accounts that never signed in are not dormant', () => {
  expect(evaluate(pass).map((r) => r.status)).toEqual(['pass']);
});

test('fail: judged against the collection time, with days and date', () => {
  const results = evaluate(fail);
  expect(results.map((r) => [r.resource.split('/').at(-1), r.status])).toEqual([
    ['frank@acme.example', 'fail'],
    ['nora@acme.example', 'fail'],
  ]);
  expect(results[0]?.message).toMatch(/last signed in 120 days ago \(2026-07-30\)/);
  expect(results[1]?.message).toMatch(/has never signed in \(created 2026-01-05\)/);
});

test('the same evidence judged as of an earlier collection passes: no clock involved', () => {
  expect(
    evaluate(fail, '2026-08-15T00:00:00.000Z')
      .filter((r) => r.status === 'fail')
      .map((r) => r.resource.split('/').at(-1)),
  ).toEqual(['nora@acme.example']);
});
