import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { expect, test } from 'vitest';
import { computeDrift } from '../drift/compute-drift.js';
import { loadCurrentEvidence } from '../evaluate/current-evidence.js';
import type { ResultsDocument } from '../run/results.js';
import { FEBRUARY, sampleLedger } from '../snapshot/__fixtures__/ledger.js';
import { controlStates } from '../snapshot/control-status.js';
import { lockerAsOf } from '../snapshot/locker-as-of.js';
import { parseSoa } from '../soa/soa-parse.js';
import { OSCAL_VERSION, oscalAssessmentResults } from './assessment-results.js';
import { uuidV5 } from './uuid-v5.js';

/** NIST's own OSCAL 1.1.3 assessment-results JSON Schema, byte for byte (provenance in the README beside it). */
const SCHEMA_FILE = new URL(
  '../../../test/fixtures/oscal/nist-v1.1.3/oscal_assessment-results_schema.json',
  import.meta.url,
);
/** SHA-256 of the release asset usnistgov/OSCAL v1.1.3 `oscal_assessment-results_schema.json`. */
const SCHEMA_SHA256 = 'd9e34757f0c12aff61f52b821f0b8f83ba0ba75b3a149a202b08ba82f82bc4c3';
const schemaBytes = readFileSync(SCHEMA_FILE);
const schema = JSON.parse(schemaBytes.toString('utf8'));

/**
 * Ajv's defaults (draft-07, strict) compile the NIST schema once its formats are known: ajv-formats adds
 * date-time, uri, uri-reference and email. The token pattern `^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$` needs the
 * `u` flag, which `unicodeRegExp` (on by default in Ajv 8) gives; it is spelled out because without it every
 * token fails (a test below shows it).
 */
function compile(unicodeRegExp: boolean) {
  const ajv = new Ajv({ allErrors: true, unicodeRegExp });
  // ajv-formats is CommonJS whose types declare an ES default export: under NodeNext the plugin is `.default`.
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}
const validate = compile(true);

const SOA = `organization: Acme Ltd
version: "2026.1"
controls:
  - id: "8.5"
    applicable: true
    status: implemented
    justification: MFA everywhere
    risks: [R-1]
`;

interface OscalObservation {
  collected: string;
  expires: string;
  props: { value: string }[];
  'relevant-evidence': { href?: string; description?: string }[];
}
interface OscalFinding {
  description: string;
  target: { 'target-id': string; status: { state: string } };
  'related-observations'?: { 'observation-uuid': string }[];
}
interface OscalDocument {
  'assessment-results': {
    uuid: string;
    metadata: { version: string; 'oscal-version': string };
    results: { observations: OscalObservation[]; findings: OscalFinding[] }[];
    'back-matter': { resources: { rlinks: { hashes: { value: string }[] }[] }[] };
  };
}

async function document(at: Date, soaText = SOA): Promise<OscalDocument> {
  const locker = await sampleLedger();
  const current = await loadCurrentEvidence(lockerAsOf(locker, at));
  const soa = parseSoa(soaText, 'soa.yaml');
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

function errorsOf(valid: boolean): string {
  return valid ? '' : JSON.stringify(validate.errors, null, 2);
}

test('the vendored schema is the NIST OSCAL 1.1.3 release asset, unmodified', () => {
  expect(createHash('sha256').update(schemaBytes).digest('hex')).toBe(SCHEMA_SHA256);
  expect(schema.$id).toBe(`http://csrc.nist.gov/ns/oscal/${OSCAL_VERSION}/oscal-ar-schema.json`);
});

test('the export is valid against the official OSCAL assessment-results schema, with hashes, collected/expires and findings per control', async () => {
  const oscal = await document(FEBRUARY.to);
  const valid = validate(oscal);
  expect(valid, errorsOf(valid)).toBe(true);
  const results = oscal['assessment-results'];
  expect(results.metadata['oscal-version']).toBe(OSCAL_VERSION);
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
  const oscal = await document(new Date('2026-02-03T12:00:00Z'));
  const valid = validate(oscal);
  expect(valid, errorsOf(valid)).toBe(true);
  const finding = oscal['assessment-results'].results[0]?.findings.find(
    (f) => f.target['target-id'] === 'a.8.5',
  );
  expect(finding?.target.status.state, finding?.description).toBe('satisfied');
  expect(finding?.['related-observations']?.length).toBeGreaterThan(0);
});

test('UUIDs are derived from content: the same state gives the same document, another state another', async () => {
  expect(JSON.stringify(await document(FEBRUARY.to))).toBe(JSON.stringify(await document(FEBRUARY.to)));
  const other = await document(new Date('2026-02-10T00:00:00Z'));
  expect(other['assessment-results'].uuid).not.toBe((await document(FEBRUARY.to))['assessment-results'].uuid);
});

test('the official schema rejects what OSCAL rejects', async () => {
  const cases: [string, (oscal: OscalDocument) => void, string][] = [
    [
      'a finding state outside satisfied / not-satisfied',
      (oscal) => {
        const finding = oscal['assessment-results'].results[0]?.findings[0];
        if (finding) finding.target.status.state = 'passed';
      },
      '/assessment-results/results/0/findings/0/target/status/state',
    ],
    [
      'relevant evidence without a description',
      (oscal) => {
        const evidence = oscal['assessment-results'].results[0]?.observations[0]?.['relevant-evidence'][0];
        if (evidence) delete evidence.description;
      },
      '/assessment-results/results/0/observations/0/relevant-evidence/0',
    ],
    [
      'a collection time without a time zone',
      (oscal) => {
        const observation = oscal['assessment-results'].results[0]?.observations[0];
        if (observation) observation.collected = '2026-02-17T08:00:01';
      },
      '/assessment-results/results/0/observations/0/collected',
    ],
    [
      'a control id that is not a token',
      (oscal) => {
        const finding = oscal['assessment-results'].results[0]?.findings[0];
        if (finding) finding.target['target-id'] = '8.5';
      },
      '/assessment-results/results/0/findings/0/target/target-id',
    ],
  ];
  const oscal = await document(FEBRUARY.to);
  for (const [what, mutate, path] of cases) {
    const broken = structuredClone(oscal);
    mutate(broken);
    expect(validate(broken), what).toBe(false);
    expect(
      validate.errors?.map((e) => e.instancePath),
      what,
    ).toContain(path);
  }
});

test('an SoA version with line breaks or outer spaces becomes one OSCAL string line', async () => {
  const oscal = await document(
    FEBRUARY.to,
    SOA.replace('version: "2026.1"', 'version: " 2026.1\\n  draft "'),
  );
  const valid = validate(oscal);
  expect(valid, errorsOf(valid)).toBe(true);
  expect(oscal['assessment-results'].metadata.version).toBe('2026.1 draft');
});

test('without Unicode regular expressions the schema rejects every OSCAL token, so the option matters', async () => {
  const oscal = await document(FEBRUARY.to);
  const withoutUnicode = compile(false);
  expect(withoutUnicode(oscal)).toBe(false);
  expect(withoutUnicode.errors?.map((e) => e.instancePath)).toContain(
    '/assessment-results/results/0/findings/0/target/target-id',
  );
  // With them, a token may hold any Unicode letter, as NCName allows.
  const accented = structuredClone(oscal);
  const finding = accented['assessment-results'].results[0]?.findings[0];
  if (finding) finding.target['target-id'] = 'contrôle-8.5';
  expect(validate(accented), errorsOf(false)).toBe(true);
});

test('uuidV5 matches the RFC 9562 test vector', () => {
  // RFC 9562 appendix A.4: name "www.example.com" in the DNS namespace.
  expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
    '2ed6657d-e927-568b-95e1-2665a8aea6a2',
  );
});
