import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { expect, test } from 'vitest';
import { computeDrift } from '../drift/compute-drift.js';
import { loadCurrentEvidence } from '../evaluate/current-evidence.js';
import type { ResultsDocument } from '../run/results.js';
import { FEBRUARY, sampleLedger } from '../snapshot/__fixtures__/ledger.js';
import { controlStates } from '../snapshot/control-status.js';
import { lockerAsOf } from '../snapshot/locker-as-of.js';
import { parseSoa } from '../soa/soa-parse.js';
import { oscalAssessmentResults } from './assessment-results.js';
import { uuidV5 } from './uuid-v5.js';

const schema = JSON.parse(
  readFileSync(
    new URL(
      '../../../test/fixtures/oscal/oscal-1.1.2-assessment-results.subset.schema.json',
      import.meta.url,
    ),
    'utf8',
  ),
);
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const SOA = `organization: Acme Ltd
version: "2026.1"
controls:
  - id: "8.5"
    applicable: true
    status: implemented
    justification: MFA everywhere
    risks: [R-1]
`;

interface OscalFinding {
  description: string;
  target: { 'target-id': string; status: { state: string } };
  'related-observations'?: { 'observation-uuid': string }[];
}
interface OscalDocument {
  'assessment-results': {
    uuid: string;
    results: {
      observations: { collected: string; expires: string; props: { value: string }[] }[];
      findings: OscalFinding[];
    }[];
    'back-matter': { resources: { rlinks: { hashes: { value: string }[] }[] }[] };
  };
}

async function document(at: Date): Promise<OscalDocument> {
  const locker = await sampleLedger();
  const current = await loadCurrentEvidence(lockerAsOf(locker, at));
  const soa = parseSoa(SOA, 'soa.yaml');
  const head = await lockerAsOf(locker, at).headRun();
  const stored: ResultsDocument = await locker.getResults(head?.record.results as `sha256:${string}`);
  const drift = computeDrift({
    soa,
    results: stored.results,
    checks: [],
    current,
    assets: [],
    configuredTypes: [],
    at,
  });
  const controls = controlStates({ results: stored.results, current, drift });
  return oscalAssessmentResults({
    soa,
    at,
    tool: { name: 'annexa', version: '0.1.0' },
    current,
    controls,
  }) as unknown as OscalDocument;
}

test('the export is valid OSCAL 1.1 assessment results, with hashes, collected/expires and findings per control', async () => {
  const oscal = await document(FEBRUARY.to);
  expect(validate(oscal), JSON.stringify(validate.errors, null, 2)).toBe(true);
  const results = oscal['assessment-results'];
  const [result] = results.results;
  expect(result?.observations).toHaveLength(3);
  expect(result?.observations[0]).toMatchObject({
    collected: expect.any(String),
    expires: expect.any(String),
  });
  const finding = result?.findings.find((f) => f.target['target-id'] === 'a.8.5');
  // The newest results before March fail 2FA: 8.5 is not satisfied.
  expect(finding?.target.status.state).toBe('not-satisfied');
  // 5.18 is attested by a manual record, but this SoA leaves it out: an open finding, so not satisfied.
  const manual = result?.findings.find((f) => f.target['target-id'] === 'a.5.18');
  expect(manual?.target.status.state).toBe('not-satisfied');
  expect(manual?.description).toMatch(/soa-incomplete/);
  const hashes = results['back-matter'].resources.flatMap(
    (r) => r.rlinks[0]?.hashes.map((h) => h.value) ?? [],
  );
  expect(hashes).toHaveLength(3);
  for (const observation of result?.observations ?? []) {
    expect(hashes).toContain(observation.props[0]?.value.slice('sha256:'.length));
  }
});

test('a control whose checks pass and whose SoA entry holds is satisfied', async () => {
  const oscal = (await document(new Date('2026-02-03T12:00:00Z')))['assessment-results'];
  expect(validate({ 'assessment-results': oscal })).toBe(true);
  const finding = oscal.results[0]?.findings.find((f) => f.target['target-id'] === 'a.8.5');
  expect(finding?.target.status.state, finding?.description).toBe('satisfied');
  expect(finding?.['related-observations']?.length).toBeGreaterThan(0);
});

test('UUIDs are derived from content: the same state gives the same document, another state another', async () => {
  expect(JSON.stringify(await document(FEBRUARY.to))).toBe(JSON.stringify(await document(FEBRUARY.to)));
  const other = await document(new Date('2026-02-10T00:00:00Z'));
  expect(other['assessment-results'].uuid).not.toBe((await document(FEBRUARY.to))['assessment-results'].uuid);
});

test('the schema rejects what OSCAL rejects', async () => {
  const oscal = structuredClone(await document(FEBRUARY.to));
  const finding = oscal['assessment-results'].results[0]?.findings[0];
  if (!finding) throw new Error('expected a finding');
  finding.target.status.state = 'passed';
  expect(validate(oscal)).toBe(false);
});

test('uuidV5 matches the RFC 9562 test vector', () => {
  // RFC 9562 appendix A.4: name "www.example.com" in the DNS namespace.
  expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
    '2ed6657d-e927-568b-95e1-2665a8aea6a2',
  );
});
