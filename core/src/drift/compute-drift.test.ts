import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { evaluateChecks } from '../evaluate/evaluate-checks.js';
import { observeAssets } from '../evaluate/observe-assets.js';
import { type CurrentLine, currentOf } from '../run/__fixtures__/current.js';
import { forgeChecks, forgeCollectors, makeSoa, repoProtected } from '../run/__fixtures__/test-system.js';
import { type AnyCheck, defineCheck, SEVERITIES } from '../sdk/check.js';
import { SOA_STATUSES, type Soa, type SoaControlEntry } from '../soa/soa-model.js';
import { computeDrift } from './compute-drift.js';
import { DRIFT_KINDS, type DriftReport, driftReportSchema, hasBlockingDrift } from './drift-report.js';

const at = new Date('2026-03-01T12:00:00.000Z');
const implemented = (id: string): SoaControlEntry => ({ id, applicable: true, status: 'implemented' });
const withStatus = (id: string, status: SoaControlEntry['status']): SoaControlEntry => ({
  id,
  applicable: true,
  status,
});
const excluded = (id: string): SoaControlEntry => ({
  id,
  applicable: false,
  justification: 'no such assets',
});

const members = (...twoFactor: boolean[]): CurrentLine => ({
  instance: 'acme',
  collector: 'forge.members',
  controls: ['8.5'],
  expiresAt: '2026-03-01T13:00:00.000Z',
  data: { members: twoFactor.map((value, index) => ({ login: `user${index}`, twoFactor: value })) },
});
const repos = (...protectedFlags: boolean[]): CurrentLine => ({
  instance: 'acme',
  collector: 'forge.repos',
  controls: ['8.4'],
  data: { repos: protectedFlags.map((value, index) => ({ name: `repo${index}`, protected: value })) },
});

function drift(
  entries: SoaControlEntry[],
  lines: CurrentLine[],
  options: {
    at?: Date;
    configuredTypes?: string[];
    problems?: Soa['problems'];
    checks?: readonly AnyCheck[];
  } = {},
): DriftReport {
  const checks = options.checks ?? forgeChecks;
  const current = currentOf(lines);
  const report = computeDrift({
    soa: makeSoa(entries, options.problems),
    results: evaluateChecks({ checks, current }),
    checks,
    current,
    assets: observeAssets(current, forgeCollectors),
    configuredTypes: options.configuredTypes ?? ['forge'],
    at: options.at ?? at,
  });
  return driftReportSchema.parse(report);
}

const kinds = (report: DriftReport) => report.findings.map((finding) => [finding.control, finding.kind]);

describe('failing', () => {
  test('a claimed control with a failing check is failing, with the check, resources and evidence', () => {
    const report = drift([implemented('8.5')], [members(true, false)]);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding).toMatchObject({
      control: '8.5',
      controlTitle: 'Secure authentication',
      kind: 'failing',
      severity: 'critical',
      soa: { applicable: true, status: 'implemented', line: 10 },
      checks: ['forge_members_2fa'],
      resources: { items: ['forge.test/orgs/acme'], total: 1 },
    });
    expect(finding?.evidence).toHaveLength(1);
    expect(finding?.message).toBe(
      'The SoA says 8.5 (Secure authentication) is implemented, but the check forge_members_2fa fails on 1 resource: forge.test/orgs/acme. Fix it, or lower the SoA status and record a treatment plan.',
    );
  });

  test('partial claims count; the severity is the highest failing check; resources are capped with a count', () => {
    const lowCheck = defineCheck({ ...repoProtected, id: 'forge_repo_named', severity: 'low' });
    const report = drift(
      [withStatus('8.4', 'partial')],
      [repos(...Array.from({ length: 12 }, () => false))],
      {
        checks: [lowCheck, repoProtected],
      },
    );
    const [finding] = report.findings;
    expect(finding).toMatchObject({
      kind: 'failing',
      severity: 'high',
      checks: ['forge_repo_named', 'forge_repo_protected'],
    });
    expect(finding?.resources.items).toHaveLength(10);
    expect(finding?.resources.total).toBe(12);
    expect(finding?.message).toContain('is partially implemented, but 2 checks fail');
  });

  test('no failing finding when every check passes, or when the SoA does not claim the control', () => {
    expect(drift([implemented('8.5')], [members(true)]).findings).toEqual([]);
    expect(kinds(drift([withStatus('8.5', 'planned')], [members(false)]))).toEqual([]);
    expect(kinds(drift([excluded('8.5')], [members(false)]))).toEqual([]);
  });
});

describe('contradicted-exclusion', () => {
  test('an excluded control whose assets a connector sees is contradicted', () => {
    const report = drift([excluded('8.4')], [repos(true, true)]);
    expect(report.findings).toEqual([
      expect.objectContaining({
        control: '8.4',
        kind: 'contradicted-exclusion',
        severity: 'high',
        soa: { applicable: false, status: null, line: 10 },
        resources: { items: ['2 repositories exist'], total: 1 },
        checks: [],
      }),
    ]);
    expect(report.findings[0]?.message).toContain(
      'The SoA excludes 8.4 (Access to source code) as not applicable',
    );
  });

  test('no finding without such assets, or when the control is applicable', () => {
    expect(drift([excluded('8.4')], [repos()]).findings).toEqual([]);
    expect(kinds(drift([implemented('8.4')], [repos(true)]))).toEqual([]);
  });

  test('the fingerprint does not change when only the number of assets does', () => {
    const before = drift([excluded('8.4')], [repos(true)]).findings[0]?.fingerprint;
    const after = drift([excluded('8.4')], [repos(true, true, true)]).findings[0]?.fingerprint;
    expect(before).toBeDefined();
    expect(after).toBe(before);
  });
});

describe('unevidenced', () => {
  const forbidden: CurrentLine = {
    instance: 'acme',
    collector: 'forge.members',
    status: 'not-assessable',
    reason: 'listing members without 2FA needs an organization owner token',
  };

  test('an implemented control whose configured checks could not assess it names the reasons', () => {
    const report = drift([implemented('8.5')], [forbidden]);
    expect(report.findings).toEqual([
      expect.objectContaining({
        control: '8.5',
        kind: 'unevidenced',
        severity: 'medium',
        checks: ['forge_members_2fa'],
      }),
    ]);
    expect(report.findings[0]?.message).toBe(
      'The SoA says 8.5 (Secure authentication) is implemented, but its automated check could not assess it: acme: forge.members was not collected: listing members without 2FA needs an organization owner token. Grant the missing permissions or fix the connector, then collect again.',
    );
  });

  test('a configured connector never collected is named as such', () => {
    const report = drift([implemented('8.5')], []);
    expect(kinds(report)).toEqual([['8.5', 'unevidenced']]);
    expect(report.findings[0]?.message).toContain('no forge connector has been collected yet');
  });

  test('no finding when the connector type is not configured, the claim is partial, or a check assessed it', () => {
    expect(drift([implemented('8.5')], [forbidden], { configuredTypes: ['cloud'] }).findings).toEqual([]);
    expect(drift([withStatus('8.5', 'partial')], [forbidden]).findings).toEqual([]);
    expect(drift([implemented('8.5')], [members(true)]).findings).toEqual([]);
    // A control no check is mapped to is manual, not unevidenced.
    expect(drift([implemented('5.1')], [members(true)]).findings).toEqual([]);
  });
});

describe('stale', () => {
  test('evidence past its expiry at the judged moment makes a claimed control stale', () => {
    const fresh = drift([implemented('8.5')], [members(true)]);
    expect(fresh.findings).toEqual([]);
    const later = drift([implemented('8.5')], [members(true)], { at: new Date('2026-03-01T13:00:00.000Z') });
    expect(later.findings).toEqual([
      expect.objectContaining({
        control: '8.5',
        kind: 'stale',
        severity: 'medium',
        checks: ['forge_members_2fa'],
        resources: { items: ['acme/forge.members'], total: 1 },
      }),
    ]);
    expect(later.findings[0]?.message).toContain('forge.members of acme expired at 2026-03-01T13:00:00.000Z');
  });

  test('--at in the future makes every claimed control with evidence stale', () => {
    const report = drift(
      [implemented('8.5'), withStatus('8.4', 'partial'), implemented('8.32')],
      [members(true), repos(true)],
      {
        at: new Date('2027-01-01T00:00:00.000Z'),
      },
    );
    expect(kinds(report)).toEqual([
      ['8.4', 'stale'],
      ['8.5', 'stale'],
      ['8.32', 'stale'],
    ]);
  });

  test('no stale finding for a control the SoA does not claim', () => {
    const future = { at: new Date('2027-01-01T00:00:00.000Z') };
    expect(drift([withStatus('8.5', 'planned')], [members(false)], future).findings).toEqual([]);
  });
});

describe('understated', () => {
  test('a planned or not-implemented control whose checks all pass is understated, as info', () => {
    for (const status of ['planned', 'not-implemented'] as const) {
      const report = drift([withStatus('8.5', status)], [members(true, true)]);
      expect(report.findings).toEqual([
        expect.objectContaining({
          control: '8.5',
          kind: 'understated',
          severity: 'info',
          checks: ['forge_members_2fa'],
        }),
      ]);
      expect(hasBlockingDrift(report)).toBe(false);
    }
  });

  test('not understated when a result fails or none exists', () => {
    expect(drift([withStatus('8.5', 'planned')], [members(false)]).findings).toEqual([]);
    expect(drift([withStatus('8.5', 'planned')], []).findings).toEqual([]);
  });
});

describe('soa-incomplete', () => {
  test('every SoA problem is a medium finding naming file and line, with or without a control', () => {
    const report = drift([implemented('8.5')], [members(true)], {
      problems: [
        {
          code: 'missing-control',
          message: 'control 5.1 is not listed; add it',
          file: 'soa.yaml',
          control: '5.1',
        },
        { code: 'missing-approval', message: 'approvedBy is missing', file: 'soa.yaml', line: 2 },
      ],
    });
    expect(report.findings.map((f) => [f.kind, f.control, f.severity, f.message, f.soa])).toEqual([
      [
        'soa-incomplete',
        '5.1',
        'medium',
        'soa.yaml: control 5.1 is not listed; add it',
        { applicable: null, status: null, line: null },
      ],
      [
        'soa-incomplete',
        undefined,
        'medium',
        'soa.yaml:2: approvedBy is missing',
        { applicable: null, status: null, line: 2 },
      ],
    ]);
    expect(hasBlockingDrift(report)).toBe(true);
  });
});

describe('the report', () => {
  test('fingerprints are stable across runs and differ between different drift', () => {
    const first = drift([implemented('8.5'), implemented('8.4')], [members(false), repos(false)]);
    const second = drift(
      [implemented('8.5'), implemented('8.4')],
      [
        { ...members(false), collectedAt: '2026-03-01T11:00:00.000Z' },
        { ...repos(false), collectedAt: '2026-03-01T11:30:00.000Z' },
      ],
      { at: new Date('2026-03-01T11:45:00.000Z') },
    );
    expect(second.findings[0]?.evidence).not.toEqual(first.findings[0]?.evidence);
    expect(second.findings.map((f) => f.fingerprint)).toEqual(first.findings.map((f) => f.fingerprint));
    const fingerprints = first.findings.map((f) => f.fingerprint);
    expect(new Set(fingerprints).size).toBe(2);
    const moreFailing = drift([implemented('8.4')], [repos(false, false)]).findings[0]?.fingerprint;
    expect(fingerprints).not.toContain(moreFailing);
  });

  test('findings are sorted by severity, then control, then kind, and the summary counts them', () => {
    const report = drift(
      [
        implemented('8.5'),
        implemented('8.4'),
        withStatus('8.32', 'planned'),
        implemented('8.2'),
        implemented('5.1'),
      ],
      [members(false), repos(false)],
      { at: new Date('2026-03-01T14:00:00.000Z') },
    );
    expect(report.findings.map((f) => [f.severity, f.control, f.kind])).toEqual([
      ['critical', '8.5', 'failing'],
      ['high', '8.4', 'failing'],
      ['medium', '8.2', 'stale'],
      ['medium', '8.5', 'stale'],
    ]);
    expect(report.summary).toEqual({
      findings: 4,
      byKind: {
        failing: 2,
        'contradicted-exclusion': 0,
        unevidenced: 0,
        stale: 2,
        understated: 0,
        'soa-incomplete': 0,
      },
      bySeverity: { critical: 1, high: 1, medium: 2, low: 0, info: 0 },
      controls: { claimed: 4, evidenced: 3, notEvidenced: 1 },
    });
    expect(report).toMatchObject({
      schema: 'annexa.drift/v1',
      evaluatedAt: '2026-03-01T14:00:00.000Z',
      soa: { file: 'soa.yaml', organization: 'Acme', version: '3' },
    });
  });

  test('within a control and severity, kinds keep their order: unevidenced before stale', () => {
    const broken = defineCheck({
      ...forgeChecks[1],
      id: 'forge_members_broken',
      evaluate: () => {
        throw new Error('bug');
      },
    });
    const report = drift([implemented('8.5')], [members(true)], {
      checks: [broken],
      at: new Date('2026-03-02T00:00:00.000Z'),
    });
    expect(kinds(report)).toEqual([
      ['8.5', 'unevidenced'],
      ['8.5', 'stale'],
    ]);
    expect(report.findings[0]?.message).toContain('check forge_members_broken failed: bug');
  });

  test('the schema yields a JSON Schema with every field described', () => {
    const jsonSchema = z.toJSONSchema(driftReportSchema) as {
      properties: Record<string, { description?: string }>;
    };
    expect(jsonSchema.properties.findings?.description).toContain('sorted by severity');
    expect(jsonSchema.properties.evaluatedAt?.description).toContain('RFC 3339');
  });

  test('any report is valid, deterministic, sorted and consistently summarised', () => {
    const controlIds = ['5.1', '8.2', '8.4', '8.5', '8.32'];
    const entry = fc.record({
      id: fc.constantFrom(...controlIds),
      applicable: fc.boolean(),
      status: fc.option(fc.constantFrom(...SOA_STATUSES), { nil: undefined }),
    });
    const line = fc.oneof(
      fc.array(fc.boolean(), { maxLength: 4 }).map((flags) => members(...flags)),
      fc.array(fc.boolean(), { maxLength: 4 }).map((flags) => repos(...flags)),
      fc.constant<CurrentLine>({
        instance: 'acme',
        collector: 'forge.members',
        status: 'error',
        reason: 'down',
      }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 5 }),
        fc.array(line, { maxLength: 3 }),
        fc.date({
          min: new Date('2026-01-01T00:00:00.000Z'),
          max: new Date('2027-01-01T00:00:00.000Z'),
          noInvalidDate: true,
        }),
        (entries, lines, when) => {
          const soaEntries = entries.map(({ status, ...rest }) => (status ? { ...rest, status } : rest));
          const report = drift(soaEntries, lines, { at: when });
          expect(drift(soaEntries, lines, { at: when })).toEqual(report);
          expect(report.summary.findings).toBe(report.findings.length);
          const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
          expect(sum(report.summary.byKind)).toBe(report.findings.length);
          expect(Object.keys(report.summary.byKind)).toEqual([...DRIFT_KINDS]);
          const ranks = report.findings.map((f) => SEVERITIES.indexOf(f.severity));
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
          expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(report.findings.length);
          expect(hasBlockingDrift(report)).toBe(report.findings.some((f) => f.kind !== 'understated'));
        },
      ),
      { numRuns: 150 },
    );
  });
});
