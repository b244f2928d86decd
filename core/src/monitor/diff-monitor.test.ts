import { describe, expect, test } from 'vitest';
import type { DriftFinding } from '../drift/drift-report.js';
import { contentId } from '../evidence/canonical-json.js';
import { diffMonitor, type MonitorObservation } from './diff-monitor.js';
import { scheduleDelivery } from './digest.js';
import type { FindingException } from './monitor-config.js';
import { emptyMonitorState, type MonitorState } from './monitor-state.js';

const EVIDENCE = contentId({ evidence: 'acme org settings' });

function finding(control: string, kind: DriftFinding['kind'] = 'failing'): DriftFinding {
  return {
    fingerprint: contentId({ control, kind }),
    control,
    controlTitle: `Control ${control}`,
    kind,
    severity: 'high',
    message: `The SoA says ${control} is implemented, but a check fails. Fix it.`,
    soa: { applicable: true, status: 'implemented', line: 3 },
    checks: ['github_org_2fa_required'],
    evidence: [EVIDENCE],
    resources: { items: ['github.com/orgs/acme'], total: 1 },
  };
}

let seq = 0;
function observe(
  findings: DriftFinding[],
  options: { failing?: boolean; at?: string; exceptions?: FindingException[] } = {},
): MonitorObservation {
  seq++;
  return {
    at: new Date(options.at ?? `2026-11-${String(seq).padStart(2, '0')}T10:00:00.000Z`),
    run: { seq, id: contentId({ run: seq }) },
    findings,
    instancesOf: (f) => (f.evidence.includes(EVIDENCE) ? ['acme'] : []),
    collected: [
      options.failing ? { instance: 'acme', failure: 'github.org-settings: 401' } : { instance: 'acme' },
    ],
    exceptions: options.exceptions ?? [],
  };
}

function sequence(observations: MonitorObservation[]): { events: string[][]; state: MonitorState } {
  let state = emptyMonitorState(new Date('2026-11-01T00:00:00.000Z'));
  const events: string[][] = [];
  for (const observation of observations) {
    const diff = diffMonitor(state, observation);
    state = diff.next;
    events.push(diff.events.map((e) => `${e.type} ${e.finding?.control ?? e.instance}`));
  }
  return { events, state };
}

describe('diffMonitor', () => {
  test('alerts once when drift appears, not while it persists, once when fresh evidence shows it resolved', () => {
    seq = 0;
    const { events } = sequence([
      observe([]),
      observe([finding('8.5')]),
      observe([finding('8.5')]),
      observe([finding('8.5')]),
      observe([]),
      observe([]),
    ]);
    expect(events).toEqual([[], ['finding-opened 8.5'], [], [], ['finding-resolved 8.5'], []]);
  });

  test('a failing connector resolves nothing: its findings stay open until it collects again', () => {
    seq = 0;
    const { events, state } = sequence([
      observe([finding('8.5')]),
      observe([], { failing: true }),
      observe([], { failing: true }),
      observe([finding('8.5')]),
    ]);
    expect(events).toEqual([
      ['finding-opened 8.5'],
      ['connector-failing acme'],
      [],
      ['connector-recovered acme'],
    ]);
    expect(Object.keys(state.findings)).toHaveLength(1);
  });

  test('understated findings are informational and never alert', () => {
    seq = 0;
    expect(sequence([observe([finding('8.5', 'understated')])]).events).toEqual([[]]);
  });

  test('an exception suppresses until it lapses, then the finding alerts again', () => {
    seq = 0;
    const exception: FindingException = {
      control: 'A.8.5',
      until: '2026-11-02',
      approvedBy: 'CISO',
      reason: 'migration',
    };
    const { events, state } = sequence([
      observe([finding('8.5')], { exceptions: [exception] }),
      observe([finding('8.5')], { exceptions: [exception] }),
      observe([finding('8.5')], { exceptions: [exception] }),
      observe([finding('8.5')], { exceptions: [exception] }),
    ]);
    // Day 1 and 2 are covered (a bare date lasts to the end of that day); day 3 is not.
    expect(events).toEqual([[], [], ['exception-lapsed 8.5'], []]);
    expect(Object.values(state.findings)[0]?.suppressed).toBeNull();
  });

  test('an exception naming another fingerprint accepts nothing else', () => {
    seq = 0;
    const exception: FindingException = {
      fingerprint: contentId('other'),
      until: '2099-01-01',
      approvedBy: 'CISO',
      reason: 'x',
    };
    expect(sequence([observe([finding('8.5')], { exceptions: [exception] })]).events).toEqual([
      ['finding-opened 8.5'],
    ]);
  });

  test('a finding that comes back after it was resolved alerts again', () => {
    seq = 0;
    const { events } = sequence([observe([finding('8.5')]), observe([]), observe([finding('8.5')])]);
    expect(events).toEqual([['finding-opened 8.5'], ['finding-resolved 8.5'], ['finding-opened 8.5']]);
  });
});

describe('scheduleDelivery', () => {
  test('without a digest every change goes out; with daily, changes wait for a day and go together', () => {
    const state = emptyMonitorState(new Date('2026-11-01T00:00:00.000Z'));
    seq = 0;
    const diff = diffMonitor(state, observe([finding('8.5')]));
    expect(
      scheduleDelivery(diff.next, diff.events, 'off', new Date('2026-11-01T10:00:00Z')).deliver?.events,
    ).toHaveLength(1);
    expect(scheduleDelivery(diff.next, [], 'off', new Date('2026-11-01T10:00:00Z')).deliver).toBeUndefined();

    const first = scheduleDelivery(diff.next, diff.events, 'daily', new Date('2026-11-01T10:00:00Z'));
    expect(first.deliver).toBeUndefined();
    const later = scheduleDelivery(first.next, diff.events, 'daily', new Date('2026-11-01T20:00:00Z'));
    expect(later.deliver).toBeUndefined();
    expect(later.next.digest.pending).toHaveLength(2);
    const day = scheduleDelivery(later.next, [], 'daily', new Date('2026-11-02T10:00:00Z'));
    expect(day.deliver).toMatchObject({ kind: 'digest' });
    expect(day.deliver?.events).toHaveLength(2);
    expect(day.next.digest.pending).toEqual([]);
  });
});

describe('a connector outage', () => {
  test('explains the unevidenced findings it causes: no alert, no record, unless they outlast it', () => {
    seq = 0;
    const unevidenced = { ...finding('8.5', 'unevidenced'), evidence: [] };
    let state = emptyMonitorState(new Date('2026-11-01T00:00:00.000Z'));
    const step = (observation: MonitorObservation) => {
      const diff = diffMonitor(state, observation);
      state = diff.next;
      return {
        events: diff.events.map((e) => `${e.type} ${e.finding?.control ?? e.instance}`),
        opened: diff.opened.length,
        resolved: diff.resolved.length,
      };
    };
    expect(step(observe([unevidenced], { failing: true }))).toEqual({
      events: ['connector-failing acme'],
      opened: 0,
      resolved: 0,
    });
    expect(step(observe([unevidenced], { failing: true }))).toEqual({ events: [], opened: 0, resolved: 0 });
    expect(step(observe([]))).toEqual({ events: ['connector-recovered acme'], opened: 0, resolved: 0 });
    // Unevidenced again, with the connector collecting fine: that is drift of its own.
    expect(step(observe([unevidenced], { failing: true }))).toEqual({
      events: ['connector-failing acme'],
      opened: 0,
      resolved: 0,
    });
    expect(step(observe([unevidenced]))).toEqual({
      events: ['finding-opened 8.5', 'connector-recovered acme'],
      opened: 1,
      resolved: 0,
    });
    expect(step(observe([]))).toEqual({ events: ['finding-resolved 8.5'], opened: 0, resolved: 1 });
  });
});
