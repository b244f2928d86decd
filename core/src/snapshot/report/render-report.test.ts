import { expect, test } from 'vitest';
import { computeDrift } from '../../drift/compute-drift.js';
import { loadCurrentEvidence } from '../../evaluate/current-evidence.js';
import { parseSoa } from '../../soa/soa-parse.js';
import { FEBRUARY, sampleLedger } from '../__fixtures__/ledger.js';
import { controlStates } from '../control-status.js';
import { EvidenceIndex } from '../evidence-index.js';
import { planLedger } from '../ledger-plan.js';
import { renderReport } from './render-report.js';

const SOA = `organization: "Acme <script>alert(1)</script> Ltd"
version: "2026.1"
controls:
  - id: "8.5"
    applicable: true
    status: implemented
    justification: "MFA <b>everywhere</b> & always"
    risks: [R-1]
`;

async function render() {
  const locker = await sampleLedger();
  const soa = parseSoa(SOA, 'soa.yaml');
  const current = await loadCurrentEvidence(locker);
  const results = (await locker.getResults((await locker.headRun())?.record.results as `sha256:${string}`))
    .results;
  const drift = computeDrift({
    soa,
    results,
    checks: [],
    current,
    assets: [],
    configuredTypes: [],
    at: FEBRUARY.to,
  });
  const index = new EvidenceIndex();
  for (const instance of current.instances.values()) {
    for (const collection of instance.collections.values()) {
      if (collection.evidence)
        index.add(collection.evidence.record, `evidence/x/${collection.evidence.id.slice(7)}.json`, []);
    }
  }
  return renderReport({
    soa,
    period: FEBRUARY,
    tool: { name: 'annexa', version: '0.1.0' },
    controls: controlStates({ results, current, drift }),
    drift,
    runs: (await planLedger(locker, FEBRUARY)).runs,
    index,
    files: { soa: 'soa/soa.yaml', results: 'state/results.json', drift: 'state/drift.json' },
  });
}

test('the report escapes everything that comes from the SoA or the evidence', async () => {
  const html = await render();
  expect(html).not.toContain('<script>');
  expect(html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; Ltd');
  expect(html).toContain('MFA &lt;b&gt;everywhere&lt;/b&gt; &amp; always');
});

test('every control has a section with claim, status and coverage; runs link to their files', async () => {
  const html = await render();
  expect(html.match(/<section class="control" id="c-/g)).toHaveLength(93);
  expect(html).toMatch(/id="c-8\.5"[\s\S]*?<dt>SoA claim<\/dt><dd>applicable, implemented<\/dd>/);
  expect(html).toMatch(/id="c-8\.5">\n<h3>[^\n]*badge failing/);
  expect(html).toMatch(/id="c-5\.18">\n<h3>[^\n]*badge attested/);
  expect(html).toContain('href="../runs/00000003.json"');
  expect(html).toMatch(/href="\.\.\/results\/00000004\/[0-9a-f]{64}\.json"/);
  // No external asset: no src= or stylesheet link at all, and links stay relative.
  expect(html).not.toMatch(/\bsrc=|<link |href="(https?:)?\/\//);
});
