import type { AlertBatch, AlertEvent } from '@annexa/core';

/** One line a person reads first: what changed. */
export function eventHeadline(event: AlertEvent): string {
  const finding = event.finding;
  const subject = finding
    ? `${finding.control ?? 'SoA'}${finding.controlTitle ? ` ${finding.controlTitle}` : ''}: ${finding.kind} (${finding.severity})`
    : `connector ${event.instance ?? '?'}`;
  switch (event.type) {
    case 'finding-opened':
      return `New drift: ${subject}`;
    case 'finding-resolved':
      return `Resolved: ${subject}`;
    case 'exception-lapsed':
      return `Exception lapsed, drift still present: ${subject}`;
    case 'connector-failing':
      return `Connector ${event.instance ?? '?'} started failing: ${event.reason ?? 'no reason given'}`;
    case 'connector-recovered':
      return `Connector ${event.instance ?? '?'} collects again`;
  }
}

export function batchHeadline(batch: AlertBatch): string {
  const what = batch.kind === 'digest' ? 'Daily digest' : 'Control monitoring';
  return `${what} for ${batch.organization}: ${batch.events.length} change(s) at run ${batch.run.seq}, ${batch.open} finding(s) open`;
}
