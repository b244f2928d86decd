import type { DriftReport } from '../../drift/drift-report.js';
import type { Soa, SoaControlEntry } from '../../soa/soa-model.js';
import { resultsBundlePath, runBundlePath } from '../bundle-paths.js';
import type { ControlState, Coverage, EvidenceStatus } from '../control-status.js';
import type { EvidenceIndex } from '../evidence-index.js';
import type { RunSummary, SnapshotPeriod } from '../ledger-plan.js';
import { escapeHtml as e, link } from './html.js';
import { REPORT_CSS } from './report-style.js';

export interface ReportInput {
  soa: Soa;
  period: SnapshotPeriod;
  tool: { name: string; version: string };
  controls: readonly ControlState[];
  drift: DriftReport;
  runs: readonly RunSummary[];
  index: EvidenceIndex;
  /** Bundle paths of the state files. */
  files: { results: string; drift: string; soa: string };
}

const STATUS_LABEL: Record<EvidenceStatus, string> = {
  failing: 'failing',
  passing: 'passing',
  'not-assessable': 'not assessable',
  attested: 'attested (manual)',
  unjudged: 'evidence, no check',
  'no-evidence': 'no evidence',
};

/**
 * The auditor's report: one static HTML page (no script, no external asset) that opens from file://.
 * Every link points at a file inside the bundle.
 */
export function renderReport(input: ReportInput): string {
  const { soa, period } = input;
  const title = `${soa.document.organization}: ISO/IEC 27001:2022 evidence, ${day(period.from)} to ${day(new Date(period.to.getTime() - 1))}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${e(title)}</title>`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<style>${REPORT_CSS}</style></head><body>`,
    `<h1>${e(title)}</h1>`,
    `<p class="muted">Statement of Applicability version ${e(soa.document.version)}${soa.document.approvedBy ? `, approved by ${e(soa.document.approvedBy)}` : ''}${soa.document.approvedAt ? ` on ${e(soa.document.approvedAt)}` : ''} (${link(input.files.soa, 'soa.yaml')}). State judged as of ${e(period.to.toISOString())} by ${e(input.tool.name)} ${e(input.tool.version)}. Check results: ${link(input.files.results, 'results.json')}; drift: ${link(input.files.drift, 'drift.json')}.</p>`,
    summary(input),
    coverageTable(input.controls),
    '<h2 id="controls">Controls</h2>',
    ...input.controls.map((control) => controlSection(control, soa.controls.get(control.id), input.index)),
    runHistory(input.runs),
    '</body></html>',
    '',
  ].join('\n');
}

function summary(input: ReportInput): string {
  const count = (coverage: Coverage) => input.controls.filter((c) => c.coverage === coverage).length;
  const statuses = (Object.keys(STATUS_LABEL) as EvidenceStatus[])
    .map(
      (status) =>
        `<td><span class="badge ${status}">${e(STATUS_LABEL[status])}</span> ${input.controls.filter((c) => c.status === status).length}</td>`,
    )
    .join('');
  return [
    '<h2 id="summary">Summary</h2>',
    '<table><tr><th>Coverage</th><td>automated ' +
      count('automated') +
      '</td><td>manual ' +
      count('manual') +
      '</td><td>none ' +
      count('none') +
      '</td></tr>',
    `<tr><th>Status from evidence</th>${statuses}</tr>`,
    `<tr><th>Drift findings</th><td colspan="5">${input.drift.summary.findings} (${
      Object.entries(input.drift.summary.byKind)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => `${e(kind)} ${n}`)
        .join(', ') || 'none'
    })</td></tr>`,
    `<tr><th>Evidence files</th><td colspan="5">${input.index.files} in this bundle; ${input.runs.length} runs in the period</td></tr></table>`,
  ].join('\n');
}

function coverageTable(controls: readonly ControlState[]): string {
  const rows = controls.map(
    (c) =>
      `<tr><td><a href="#c-${e(c.id)}">${e(c.id)}</a></td><td>${e(c.title)}</td><td>${c.coverage}</td><td><span class="badge ${c.status}">${e(STATUS_LABEL[c.status])}</span></td><td>${c.openFindings}</td></tr>`,
  );
  return [
    '<h2 id="coverage">Coverage</h2>',
    '<table><tr><th>Control</th><th>Title</th><th>Coverage</th><th>Status from evidence</th><th>Open findings</th></tr>',
    ...rows,
    '</table>',
  ].join('\n');
}

function controlSection(
  control: ControlState,
  entry: SoaControlEntry | undefined,
  index: EvidenceIndex,
): string {
  const evidence = index.byControl.get(control.id);
  const claim =
    entry === undefined
      ? '<dd>not in the SoA</dd>'
      : `<dd>${entry.applicable ? `applicable, ${e(entry.status ?? 'no status')}` : 'not applicable'}</dd>`;
  const parts = [
    `<section class="control" id="c-${e(control.id)}">`,
    `<h3>${e(control.id)} ${e(control.title)} <span class="badge ${control.status}">${e(STATUS_LABEL[control.status])}</span></h3>`,
    '<dl>',
    `<dt>SoA claim</dt>${claim}`,
    `<dt>Justification</dt><dd>${e(entry?.justification ?? '—')}</dd>`,
    `<dt>Risks</dt><dd>${e(entry?.risks?.join(', ') || '—')}</dd>`,
    `<dt>Owner</dt><dd>${e(entry?.owner ?? '—')}</dd>`,
    entry?.treatment
      ? `<dt>Treatment</dt><dd>${e(entry.treatment.owner)}, due ${e(entry.treatment.due)}${entry.treatment.budget ? `, ${e(entry.treatment.budget)}` : ''}</dd>`
      : '',
    `<dt>Coverage</dt><dd>${control.coverage}</dd>`,
    `<dt>Last evidence</dt><dd>${e(control.lastEvidenceAt ?? '—')}</dd>`,
    '</dl>',
  ];
  if (control.findings.length > 0) {
    parts.push('<p><strong>Drift findings</strong></p><ul>');
    for (const finding of control.findings) {
      parts.push(
        `<li><span class="badge ${finding.kind === 'understated' ? 'attested' : 'failing'}">${e(finding.kind)}</span> [${e(finding.severity)}] ${e(finding.message)}</li>`,
      );
    }
    parts.push('</ul>');
  }
  if (control.results.length > 0) {
    parts.push('<table><tr><th>Check</th><th>Resource</th><th>Result</th><th>Message</th></tr>');
    for (const result of control.results) {
      parts.push(
        `<tr><td><code>${e(result.check)}</code></td><td>${e(result.resource)}</td><td><span class="badge ${result.status}">${e(result.status)}</span></td><td>${e(result.message)}</td></tr>`,
      );
    }
    parts.push('</table>');
  }
  if (evidence) {
    parts.push(
      `<p><strong>Evidence in this bundle</strong> (${evidence.count} file${evidence.count === 1 ? '' : 's'}${evidence.count > evidence.latest.length ? `, newest ${evidence.latest.length} shown` : ''})</p><ul>`,
    );
    for (const item of evidence.latest) {
      const attachments = item.attachments
        .map((path) => ` — ${link(path, path.split('/').at(-1) ?? path)}`)
        .join('');
      parts.push(
        `<li>${link(item.path, `${item.instance} / ${item.collector}, ${item.collectedAt}`)}${item.manual ? ' (manual)' : ''}${attachments}</li>`,
      );
    }
    parts.push('</ul>');
  }
  parts.push('</section>');
  return parts.filter((part) => part !== '').join('\n');
}

function runHistory(runs: readonly RunSummary[]): string {
  const rows = runs.map(
    (run) =>
      `<tr><td>${link(runBundlePath(run.seq), String(run.seq))}</td><td>${e(run.startedAt)}</td><td>${e(run.finishedAt)}</td><td>${run.collected}</td><td>${run.notAssessable}</td><td>${run.errors}</td><td>${run.results ? link(resultsBundlePath(run.seq, run.results), 'results') : '—'}</td></tr>`,
  );
  return [
    '<h2 id="runs">Run history</h2>',
    runs.length === 0
      ? '<p>No runs in the period.</p>'
      : '<table><tr><th>Run</th><th>Started</th><th>Finished</th><th>Collected</th><th>Not assessable</th><th>Errors</th><th>Results</th></tr>',
    ...rows,
    runs.length === 0 ? '' : '</table>',
  ].join('\n');
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
