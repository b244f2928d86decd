import fc from 'fast-check';
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import { nextDelay, WatchAgent } from './agent.js';
import { escapeLabel, WatchMetrics } from './metrics.js';

const silent = pino({ level: 'silent' });

describe('WatchAgent', () => {
  test('runs each instance on its schedule, never two runs at once, and survives a run that throws', async () => {
    let running = 0;
    let most = 0;
    const runs: string[] = [];
    let letStop: () => void = () => {};
    const enough = new Promise<void>((resolve) => {
      letStop = resolve;
    });
    const agent = new WatchAgent({
      log: silent,
      instances: [
        { name: 'acme', everyMs: 5, jitterMs: 2 },
        { name: 'aws', everyMs: 5, jitterMs: 0 },
      ],
      runInstance: async (name) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 3));
        running--;
        runs.push(name);
        if (runs.filter((run) => run === 'aws').length === 1) throw new Error('connector exploded');
        if (runs.filter((run) => run === 'aws').length >= 4 && runs.includes('acme')) letStop();
      },
    });
    agent.start();
    await enough;
    await agent.stop();
    const after = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs.length).toBe(after); // stopped means stopped
    expect(most).toBe(1);
    expect(runs.filter((run) => run === 'aws').length).toBeGreaterThanOrEqual(4);
    expect(agent.stopped).toBe(true);
  });

  test('stop lets the run in progress finish', async () => {
    const events: string[] = [];
    let started: () => void = () => {};
    const isRunning = new Promise<void>((resolve) => {
      started = resolve;
    });
    const agent = new WatchAgent({
      log: silent,
      instances: [{ name: 'acme', everyMs: 1000, jitterMs: 0 }],
      runInstance: async () => {
        events.push('start');
        started();
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push('evidence stored');
      },
    });
    agent.start();
    await isRunning;
    await agent.stop();
    expect(events).toEqual(['start', 'evidence stored']);
  });

  test('the delay stays within interval ± jitter and never goes below zero', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000_000),
        fc.nat(10_000_000),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        (every, jitter, r) => {
          const delay = nextDelay(every, jitter, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.max(0, every - jitter));
          expect(delay).toBeLessThanOrEqual(every + jitter);
        },
      ),
    );
  });
});

describe('WatchMetrics', () => {
  test('renders Prometheus text with escaped labels, only for series that exist', () => {
    const metrics = new WatchMetrics();
    expect(metrics.render()).toBe('\n');
    metrics.recordError('we"ird\\name', 1.5);
    const text = metrics.render();
    expect(text).toContain('# TYPE annexa_runs_total counter');
    expect(text).toContain('# TYPE annexa_run_duration_seconds summary');
    expect(text).toContain(`annexa_runs_total{instance="${escapeLabel('we"ird\\name')}",outcome="error"} 1`);
    expect(text).toContain('annexa_run_duration_seconds_sum{instance="we\\"ird\\\\name"} 1.500');
    expect(metrics.runs()).toBe(1);
  });
});
