import { expect, test } from 'vitest';
import { auditLog } from '../../collectors/audit-log.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { githubOrgAuditLogAvailable } from './check.js';
import fail from './fail.json' with { type: 'json' };
import notAssessable from './not-assessable.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(githubOrgAuditLogAvailable, { log: evidenceFixture(auditLog, data) });

test('pass: events were recorded in the window', () => {
  const [result] = evaluate(pass);
  expect(result?.status).toBe('pass');
  expect(result?.message).toContain('2 since 2026-11-20');
});

test('fail: an audit log without events', () => {
  expect(evaluate(fail)[0]?.status).toBe('fail');
});

test('not-assessable outside GitHub Enterprise Cloud, with the reason', () => {
  const [result] = evaluate(notAssessable);
  expect(result).toMatchObject({
    status: 'not-assessable',
    message: expect.stringContaining('GitHub Enterprise Cloud'),
  });
});

test('mapped to 8.15 (logging)', () => {
  expect(githubOrgAuditLogAvailable.controls.map((c) => c.id)).toEqual(['8.15']);
});
