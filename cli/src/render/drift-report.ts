import type { DriftReport } from '@annexa/core';

const SEVERITY_COLOR: Record<string, string> = {
  critical: '\x1b[1;31m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  info: '\x1b[2m',
};
const RESET = '\x1b[0m';

/** The human form of a drift report: one block per finding, most severe first, then a summary line. */
export function renderDriftReport(report: DriftReport, options: { color: boolean }): string {
  const paint = (severity: string, text: string) =>
    options.color ? `${SEVERITY_COLOR[severity] ?? ''}${text}${RESET}` : text;
  const lines: string[] = [
    `SoA ${report.soa.organization} v${report.soa.version} (${report.soa.file}) evaluated at ${report.evaluatedAt}`,
    '',
  ];
  for (const finding of report.findings) {
    const control = finding.control ? `${finding.control} ${finding.controlTitle ?? ''}`.trim() : 'SoA';
    lines.push(`${paint(finding.severity, `[${finding.severity}]`)} ${finding.kind}  ${control}`);
    lines.push(`  ${finding.message}`);
    if (finding.checks.length > 0) lines.push(`  checks: ${finding.checks.join(', ')}`);
    if (finding.evidence.length > 0) lines.push(`  evidence: ${finding.evidence.join(', ')}`);
    lines.push('');
  }
  const byKind = Object.entries(report.summary.byKind)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
  lines.push(
    report.findings.length === 0
      ? 'No drift: the evidence agrees with the SoA.'
      : `${report.findings.length} finding(s): ${byKind}`,
  );
  return lines.join('\n');
}
