import type { SoaStatus } from '../soa/soa-model.js';

/**
 * The sentences of drift findings, for a CISO rather than an engineer: what the SoA claims, what the evidence
 * shows, and how to resolve it. Lists are cut after a few items; the finding carries the rest.
 */

export interface ControlLabel {
  id: string;
  title: string;
}

const STATUS_WORDS: Record<SoaStatus, string> = {
  implemented: 'implemented',
  partial: 'partially implemented',
  planned: 'planned',
  'not-implemented': 'not implemented',
};

const label = (control: ControlLabel) => `${control.id} (${control.title})`;
const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/** `a`, `a and b`, `a, b and c`, `a, b, c and 4 more`. */
export function listSome(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

export function failingMessage(
  control: ControlLabel,
  status: SoaStatus,
  checks: readonly string[],
  resources: readonly string[],
): string {
  const checkWords = plural(
    checks.length,
    `the check ${checks[0]} fails`,
    `${checks.length} checks fail (${listSome(checks)})`,
  );
  const resourceWords = `${resources.length} ${plural(resources.length, 'resource', 'resources')}`;
  return (
    `The SoA says ${label(control)} is ${STATUS_WORDS[status]}, but ${checkWords} on ${resourceWords}: ${listSome(resources)}. ` +
    `Fix ${plural(resources.length, 'it', 'them')}, or lower the SoA status and record a treatment plan.`
  );
}

export function contradictedExclusionMessage(control: ControlLabel, assets: readonly string[]): string {
  return (
    `The SoA excludes ${label(control)} as not applicable, but the evidence shows assets it covers: ${listSome(assets)}. ` +
    'Make the control applicable and implement it, or explain in the justification why these assets do not need it.'
  );
}

export function unevidencedMessage(
  control: ControlLabel,
  checkCount: number,
  reasons: readonly string[],
): string {
  const checks = plural(
    checkCount,
    'its automated check could not assess it',
    `none of its ${checkCount} automated checks could assess it`,
  );
  return (
    `The SoA says ${label(control)} is implemented, but ${checks}: ${listSome(reasons, 2)}. ` +
    'Grant the missing permissions or fix the connector, then collect again.'
  );
}

export function staleMessage(control: ControlLabel, status: SoaStatus, expired: readonly string[]): string {
  return (
    `The SoA says ${label(control)} is ${STATUS_WORDS[status]}, but the newest evidence for it is out of date: ${listSome(expired)}. ` +
    'Collect again, and schedule runs more often than the evidence expires.'
  );
}

export function understatedMessage(
  control: ControlLabel,
  status: SoaStatus,
  results: number,
  checks: readonly string[],
): string {
  return (
    `The SoA says ${label(control)} is ${STATUS_WORDS[status]}, yet all ${results} ${plural(results, 'result', 'results')} of ${plural(checks.length, 'its check', 'its checks')} (${listSome(checks)}) pass. ` +
    'If the control is in place, set its status to implemented so the SoA reflects reality.'
  );
}

export function soaProblemMessage(problem: { file: string; line?: number; message: string }): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.message}`;
}
