import {
  type CheckResult,
  type CurrentEvidence,
  computeDrift,
  controlStates,
  type EvidenceRecord,
  parseSoa,
  toEvidence,
} from '@annexa/core';
import { parse } from 'csv-parse/sync';
import { expect, test } from 'vitest';
import { soaEvidenceColumns } from './soa-evidence-columns.js';
import { exportSoa } from './soa-export.js';

const record: EvidenceRecord = {
  schema: 'annexa.evidence/v1',
  connector: { instance: 'acme', type: 'github' },
  collector: { id: 'github.org-settings', version: '1' },
  source: 'github.com/orgs/acme',
  collectedAt: '2026-10-02T08:00:00.000Z',
  expiresAt: '2026-10-03T08:00:00.000Z',
  provenance: { requests: [] },
  controls: ['5.17', '8.5'],
  data: { two_factor_requirement_enabled: false },
};

test('the SoA export shows the last evidence time, the status from evidence and the open findings', async () => {
  const evidence = toEvidence(record);
  const current: CurrentEvidence = {
    instances: new Map([
      [
        'acme',
        {
          type: 'github',
          collections: new Map([
            [
              'github.org-settings',
              {
                outcome: {
                  instance: 'acme',
                  connectorType: 'github',
                  collector: 'github.org-settings',
                  collectorVersion: '1',
                  status: 'collected',
                  evidence: evidence.id,
                  requests: 1,
                  durationMs: 1,
                },
                evidence,
                run: 1,
              },
            ],
          ]),
        },
      ],
    ]),
  };
  const results: CheckResult[] = [
    {
      check: 'github_org_2fa_required',
      instance: 'acme',
      resource: 'github.com/orgs/acme',
      status: 'fail',
      severity: 'high',
      message: '2FA is not required',
      controls: ['5.17', '8.5'],
      evidence: [evidence.id],
    },
  ];
  const soa = parseSoa(
    'organization: Acme\nversion: "1"\ncontrols:\n  - id: "8.5"\n    applicable: true\n    status: implemented\n    justification: MFA\n    risks: [R-1]\n',
    'soa.yaml',
  );
  const at = new Date('2026-10-02T12:00:00.000Z');
  const drift = computeDrift({ soa, results, checks: [], current, assets: [], configuredTypes: [], at });
  const columns = soaEvidenceColumns(controlStates({ results, current, drift }));
  const [header, ...rows] = parse((await exportSoa(soa, 'csv', columns)).toString('utf8'), {
    bom: true,
  }) as string[][];
  const cell = (control: string, name: string) =>
    rows.find((row) => row[0] === control)?.[header?.indexOf(name) ?? -1];
  expect(cell('8.5', 'evidence_last_collected_at')).toBe('2026-10-02T08:00:00.000Z');
  expect(cell('8.5', 'evidence_status')).toBe('failing');
  expect(cell('8.5', 'automated_checks')).toBe('github_org_2fa_required');
  expect(Number(cell('8.5', 'open_findings'))).toBe(
    drift.findings.filter((f) => f.control === '8.5' && f.kind !== 'understated').length,
  );
  expect(cell('5.1', 'evidence_status')).toBe('no-evidence');
  expect(cell('5.1', 'evidence_last_collected_at')).toBe('');
});
