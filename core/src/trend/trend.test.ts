import { describe, expect, test } from 'vitest';
import { emptyRegister, type Nonconformity, updateRegister } from '../actions/register.js';
import { contentId } from '../evidence/canonical-json.js';
import type { TrackedFinding } from '../monitor/monitor-state.js';
import { buildReview, reviewToHtml, reviewToMarkdown } from '../review/review-pack.js';
import type { CheckResult } from '../run/results.js';
import { defineCheck } from '../sdk/check.js';
import { computeTrend } from './trend.js';

// Test data: one check, as a collector package would define it (no inputs: trend never evaluates).
const check = defineCheck({
  id: 'forge_org_2fa_required',
  title: '2FA required',
  severity: 'high',
  controls: [{ id: '8.5', relation: 'satisfies', rationale: 'MFA' }],
  permissions: [],
  inputs: {},
  evaluate: () => [],
} as never);

const result = (status: CheckResult['status']): CheckResult =>
  ({
    check: 'forge_org_2fa_required',
    instance: 'acme',
    resource: 'acme',
    status,
    severity: 'high',
    message: status,
    controls: ['8.5'],
    evidence: [],
  }) as CheckResult;

function actions(): Nonconformity[] {
  const finding = {
    fingerprint: contentId('f'),
    control: '8.5',
    kind: 'failing',
    severity: 'high',
    message: 'fails',
    claim: 'implemented',
    checks: [],
    evidence: [],
    instances: ['acme'],
    firstSeen: '2026-11-02T00:00:00.000Z',
    lastSeen: '2026-11-02T00:00:00.000Z',
    firstRun: { seq: 2, id: contentId(2) },
    suppressed: null,
    explainedBy: null,
  } satisfies TrackedFinding;
  let register = updateRegister(emptyRegister(), {
    at: new Date('2026-11-02T00:00:00Z'),
    run: { seq: 2, id: contentId(2) },
    opened: [finding],
    resolved: [],
  }).register;
  register = updateRegister(register, {
    at: new Date('2026-11-04T00:00:00Z'),
    run: { seq: 4, id: contentId(4) },
    opened: [],
    resolved: [finding],
  }).register;
  return register.actions;
}

const runs = [
  { seq: 1, at: '2026-11-01T00:00:00.000Z', results: [result('pass')] },
  { seq: 2, at: '2026-11-02T00:00:00.000Z', results: [result('fail')] },
  { seq: 3, at: '2026-11-03T00:00:00.000Z', results: [result('fail'), result('not-assessable')] },
  { seq: 4, at: '2026-11-04T00:00:00.000Z', results: [result('pass')] },
];

describe('trend and management review', () => {
  test('per run and per control: checks passing, open nonconformities, mean time to close', () => {
    const trend = computeTrend({ runs, actions: actions(), checks: [check] });
    expect(trend.points.map((p) => [p.seq, p.pass, p.fail, p.unknown, p.openActions])).toEqual([
      [1, 1, 0, 0, 0],
      [2, 0, 1, 0, 1],
      [3, 0, 1, 1, 1],
      [4, 1, 0, 0, 0],
    ]);
    expect(trend.controls).toEqual([
      {
        control: '8.5',
        first: { seq: 1, pass: 1, assessed: 1 },
        last: { seq: 4, pass: 1, assessed: 1 },
        opened: 1,
        open: 0,
        meanTimeToCloseDays: 2,
      },
    ]);
    expect(trend.actions).toEqual({ opened: 1, closed: 1, open: 0, meanTimeToCloseDays: 2 });
  });

  test('the review pack covers the clause 9.3.2 inputs for the period, in Markdown and escaped HTML', () => {
    const trend = computeTrend({ runs, actions: actions(), checks: [check] });
    const input = {
      organization: 'Acme <Corp>',
      from: new Date('2026-11-02T00:00:00Z'),
      to: new Date('2026-11-03T23:59:59Z'),
      generatedAt: new Date('2026-11-27T00:00:00Z'),
      runs: [
        { seq: 2, at: '2026-11-02T00:00:00.000Z', soa: { version: '2026.1', id: contentId('soa1') } },
        { seq: 3, at: '2026-11-03T00:00:00.000Z', soa: { version: '2026.2', id: contentId('soa2') } },
      ],
      actions: actions(),
      trend,
      coverage: [],
      audits: [],
    };
    const sections = buildReview(input);
    expect(sections.map((s) => s.clause)).toEqual([
      '9.3.2 a) and c) 2)',
      '9.3.2 b)',
      '9.3.2 c) 3)',
      '9.3.2 c) 4)',
      '9.3.2 c) 5)',
    ]);
    const markdown = reviewToMarkdown(input, sections);
    expect(markdown).toContain('1 nonconformities opened and 0 closed in the period; 1 open at its end.');
    expect(markdown).toContain('The SoA changed 1 time(s)');
    expect(markdown).toContain('| NC-0001 | 8.5 | failing | closed |');
    const html = reviewToHtml(input, sections);
    expect(html).toContain('Acme &lt;Corp&gt;');
    expect(html).not.toContain('Acme <Corp>');
  });
});
