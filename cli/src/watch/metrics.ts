import type { MonitorCycle } from '../commands/monitor-cycle.js';

type Labels = Record<string, string>;

/** The agent's figures, kept in memory and rendered in the Prometheus text format (version 0.0.4). */
export class WatchMetrics {
  readonly #counters = new Map<string, Map<string, number>>();
  readonly #gauges = new Map<string, Map<string, number>>();
  readonly #help = new Map<string, { type: 'counter' | 'gauge' | 'summary'; help: string }>();
  readonly startedAt: number;

  constructor(now = Date.now()) {
    this.startedAt = now;
    this.#describe(
      'annexa_runs_total',
      'counter',
      'Scheduled runs by connector instance and outcome (ok, incomplete, error).',
    );
    this.#describe('annexa_run_duration_seconds', 'summary', 'Time spent in runs, by instance.');
    this.#describe('annexa_api_requests_total', 'counter', 'API requests made by collectors, by instance.');
    this.#describe(
      'annexa_rate_limited_total',
      'counter',
      'Responses that said the rate limit was reached (HTTP 429, or a rate-limited collector), by instance.',
    );
    this.#describe('annexa_alerts_total', 'counter', 'Alert deliveries by sink and result.');
    this.#describe(
      'annexa_last_run_timestamp_seconds',
      'gauge',
      'When the last run of the instance finished (Unix time).',
    );
    this.#describe('annexa_checks', 'gauge', 'Check results over the current evidence, by status.');
    this.#describe('annexa_findings', 'gauge', 'Drift findings, by kind.');
    this.#describe('annexa_open_actions', 'gauge', 'Nonconformities open in the corrective-action register.');
    this.#describe(
      'annexa_evidence_age_seconds',
      'gauge',
      'Age of the newest evidence bearing on a control, by control.',
    );
    this.#describe('annexa_connector_failing', 'gauge', '1 while the instance fails to collect, else 0.');
  }

  /** Records a finished cycle of one instance. */
  recordCycle(instance: string, cycle: MonitorCycle, seconds: number, now = Date.now()): void {
    const incomplete = cycle.run.outcomes.some((outcome) => outcome.status !== 'collected');
    this.#add('annexa_runs_total', { instance, outcome: incomplete ? 'incomplete' : 'ok' });
    this.#add('annexa_run_duration_seconds_sum', { instance }, seconds);
    this.#add('annexa_run_duration_seconds_count', { instance });
    this.#set('annexa_last_run_timestamp_seconds', { instance }, now / 1000);
    this.#set('annexa_connector_failing', { instance }, incomplete ? 1 : 0);
    let requests = 0;
    let limited = 0;
    for (const outcome of cycle.run.outcomes) {
      requests += outcome.requests;
      if (/rate.?limit/i.test(outcome.reason ?? '')) limited++;
    }
    for (const evidence of cycle.run.evidence) {
      limited += evidence.record.provenance.requests.filter((request) => request.status === 429).length;
    }
    this.#add('annexa_api_requests_total', { instance }, requests);
    this.#add('annexa_rate_limited_total', { instance }, limited);
    for (const status of ['pass', 'fail', 'not-assessable', 'error']) {
      this.#set(
        'annexa_checks',
        { status },
        cycle.run.results.filter((result) => result.status === status).length,
      );
    }
    for (const [kind, count] of Object.entries(cycle.drift.summary.byKind))
      this.#set('annexa_findings', { kind }, count);
    this.#set(
      'annexa_open_actions',
      {},
      cycle.monitor.register.actions.filter((a) => a.status === 'open').length,
    );
    const newest = new Map<string, number>();
    for (const { collections } of cycle.run.current.instances.values()) {
      for (const collection of collections.values()) {
        const record = collection.evidence?.record;
        if (!record) continue;
        const at = Date.parse(record.collectedAt);
        for (const control of record.controls) newest.set(control, Math.max(newest.get(control) ?? 0, at));
      }
    }
    for (const [control, at] of newest)
      this.#set('annexa_evidence_age_seconds', { control }, Math.max(0, (now - at) / 1000));
    for (const delivery of cycle.deliveries) {
      this.#add('annexa_alerts_total', {
        sink: delivery.sink,
        result: delivery.ok ? 'delivered' : 'dead-lettered',
      });
    }
  }

  /** A cycle that threw (the locker was busy, the SoA unreadable): the agent goes on. */
  recordError(instance: string, seconds: number): void {
    this.#add('annexa_runs_total', { instance, outcome: 'error' });
    this.#add('annexa_run_duration_seconds_sum', { instance }, seconds);
    this.#add('annexa_run_duration_seconds_count', { instance });
  }

  runs(instance?: string): number {
    let total = 0;
    for (const [key, value] of this.#counters.get('annexa_runs_total') ?? []) {
      if (instance === undefined || key.includes(`instance="${escapeLabel(instance)}"`)) total += value;
    }
    return total;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, { type, help }] of this.#help) {
      // A summary without quantiles is its _sum and _count series, both counters.
      const names = type === 'summary' ? [`${name}_sum`, `${name}_count`] : [name];
      const series = names.flatMap((part) =>
        [...((type === 'gauge' ? this.#gauges : this.#counters).get(part) ?? [])]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([labels, value]) => `${part}${labels} ${formatValue(value)}`),
      );
      if (series.length === 0) continue;
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...series);
    }
    return `${lines.join('\n')}\n`;
  }

  #describe(name: string, type: 'counter' | 'gauge' | 'summary', help: string): void {
    this.#help.set(name, { type, help });
  }

  #add(name: string, labels: Labels, by = 1): void {
    const series = this.#counters.get(name) ?? new Map<string, number>();
    const key = labelText(labels);
    series.set(key, (series.get(key) ?? 0) + by);
    this.#counters.set(name, series);
  }

  #set(name: string, labels: Labels, value: number): void {
    const series = this.#gauges.get(name) ?? new Map<string, number>();
    series.set(labelText(labels), value);
    this.#gauges.set(name, series);
  }
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${escapeLabel(value)}"`).join(',')}}`;
}

/** Prometheus label values escape backslash, double quote and newline. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
