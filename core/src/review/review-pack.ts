import type { Nonconformity } from '../actions/register.js';
import type { ControlCoverage } from '../coverage/coverage.js';
import type { Trend } from '../trend/trend.js';

/** A section of the pack: a heading, sentences, and an optional table. */
export interface ReviewSection {
  title: string;
  /** The clause 9.3.2 input it answers. */
  clause: string;
  lines: string[];
  table?: { head: string[]; rows: string[][] };
}

export interface ReviewInput {
  organization: string;
  from: Date;
  to: Date;
  generatedAt: Date;
  /** Runs in the period: when, and the SoA in force. */
  runs: readonly { seq: number; at: string; soa: { version: string; id: string } | null }[];
  actions: readonly Nonconformity[];
  trend: Trend;
  coverage: readonly ControlCoverage[];
  /** Audit snapshots taken in the period, if the locker knows any. */
  audits: readonly { name: string; at: string }[];
}

const day = (date: Date | string) => (typeof date === 'string' ? date : date.toISOString()).slice(0, 10);

/** What clause 9.3.2 asks a management review to consider, as far as Annexa knows it. Pure. */
export function buildReview(input: ReviewInput): ReviewSection[] {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const within = (time: string | undefined) =>
    time !== undefined && Date.parse(time) >= from && Date.parse(time) <= to;
  const opened = input.actions.filter((action) => within(action.openedAt));
  const closed = input.actions.filter((action) => within(action.closedAt));
  const openAtEnd = input.actions.filter(
    (action) =>
      Date.parse(action.openedAt) <= to &&
      (action.closedAt === undefined || Date.parse(action.closedAt) > to),
  );
  const soaVersions: string[] = [];
  for (const run of input.runs) {
    const label = run.soa ? `${run.soa.version} (${run.soa.id.slice(0, 19)}…)` : undefined;
    if (label && soaVersions.at(-1) !== label) soaVersions.push(label);
  }
  const points = input.trend.points.filter((point) => within(point.at));
  const first = points[0];
  const last = points.at(-1);
  const counts = { automated: 0, manual: 0, stale: 0, none: 0 };
  for (const row of input.coverage.filter((row) => row.applicable !== false)) counts[row.coverage]++;
  const actionRow = (action: Nonconformity) => [
    action.id,
    action.control ?? '',
    action.kind,
    action.status,
    day(action.openedAt),
    action.closedAt ? day(action.closedAt) : '',
    action.rootCause ?? '',
    action.correctiveAction ?? '',
  ];
  const actionHead = [
    'id',
    'control',
    'kind',
    'status',
    'opened',
    'closed',
    'root cause',
    'corrective action',
  ];
  return [
    {
      title: 'Status of actions from previous reviews and corrective actions',
      clause: '9.3.2 a) and c) 2)',
      lines: [
        `${opened.length} nonconformities opened and ${closed.length} closed in the period; ${openAtEnd.length} open at its end.`,
        `Mean time to close (all time): ${formatDays(input.trend.actions.meanTimeToCloseDays)}.`,
      ],
      table: { head: actionHead, rows: [...new Set([...opened, ...closed, ...openAtEnd])].map(actionRow) },
    },
    {
      title: 'Changes in scope and in the Statement of Applicability',
      clause: '9.3.2 b)',
      lines:
        soaVersions.length === 0
          ? ['No run in the period recorded an SoA.']
          : [
              soaVersions.length === 1
                ? `The SoA in force was unchanged: version ${soaVersions[0]}.`
                : `The SoA changed ${soaVersions.length - 1} time(s): ${soaVersions.join(' → ')}.`,
            ],
    },
    {
      title: 'Monitoring and measurement results',
      clause: '9.3.2 c) 3)',
      lines: [
        `${input.runs.length} runs in the period.`,
        first && last
          ? `Checks passing: ${first.pass} of ${first.pass + first.fail} assessed at the first run, ${last.pass} of ${last.pass + last.fail} at the last.`
          : 'No check results in the period.',
        `Coverage of applicable controls: ${counts.automated} automated, ${counts.manual} manual, ${counts.stale} stale manual evidence, ${counts.none} without evidence.`,
      ],
      table: {
        head: ['run', 'at', 'pass', 'fail', 'unknown', 'open actions'],
        rows: points.map((p) => [
          String(p.seq),
          p.at,
          String(p.pass),
          String(p.fail),
          String(p.unknown),
          String(p.openActions),
        ]),
      },
    },
    {
      title: 'Fulfilment of objectives',
      clause: '9.3.2 c) 4)',
      lines: ['Per control: share of passing results at the first and last run that assessed it.'],
      table: {
        head: ['control', 'first', 'last', 'opened', 'open', 'mean days to close'],
        rows: input.trend.controls.map((row) => [
          row.control,
          `${row.first.pass}/${row.first.assessed}`,
          `${row.last.pass}/${row.last.assessed}`,
          String(row.opened),
          String(row.open),
          formatDays(row.meanTimeToCloseDays),
        ]),
      },
    },
    {
      title: 'Audit results',
      clause: '9.3.2 c) 5)',
      lines:
        input.audits.length === 0
          ? [
              'No audit is recorded in the locker for the period: list the audits and snapshots held, with their results, by hand.',
            ]
          : input.audits.map((audit) => `Snapshot ${audit.name} taken ${audit.at}.`),
    },
  ];
}

function formatDays(days: number | undefined): string {
  return days === undefined ? 'n/a' : `${days.toFixed(1)} days`;
}

export function reviewToMarkdown(input: ReviewInput, sections: readonly ReviewSection[]): string {
  const out = [
    `# Management review input: ${input.organization}`,
    '',
    `Period ${day(input.from)} to ${day(input.to)}; generated ${input.generatedAt.toISOString()} by Annexa from the evidence locker.`,
    '',
  ];
  for (const section of sections) {
    out.push(`## ${section.title}`, '', `_ISO/IEC 27001:2022 clause ${section.clause}_`, '');
    for (const line of section.lines) out.push(line, '');
    if (section.table && section.table.rows.length > 0) {
      const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
      out.push(
        `| ${section.table.head.join(' | ')} |`,
        `|${section.table.head.map(() => ' --- |').join('')}`,
      );
      for (const row of section.table.rows) out.push(`| ${row.map(escapeCell).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

export function reviewToHtml(input: ReviewInput, sections: readonly ReviewSection[]): string {
  const e = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const body = sections.map((section) => {
    const table =
      section.table && section.table.rows.length > 0
        ? `<table><thead><tr>${section.table.head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${section.table.rows
            .map((row) => `<tr>${row.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`
        : '';
    return `<section><h2>${e(section.title)}</h2><p class="clause">ISO/IEC 27001:2022 clause ${e(section.clause)}</p>${section.lines
      .map((line) => `<p>${e(line)}</p>`)
      .join('')}${table}</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Management review input: ${e(input.organization)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}.clause{color:#666;font-style:italic}</style>
</head><body><h1>Management review input: ${e(input.organization)}</h1>
<p>Period ${e(day(input.from))} to ${e(day(input.to))}; generated ${e(input.generatedAt.toISOString())} by Annexa from the evidence locker.</p>
${body.join('\n')}
</body></html>
`;
}
