import { describe, expect, test } from 'vitest';
import { inFlightCap, RetryingRunner } from './octokit.js';

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('inFlightCap (the throttling plugin global group, without timers)', () => {
  test('runs at most `limit` jobs at once, the rest in order, and hands a slot over without a newcomer slipping in', async () => {
    const { schedule } = inFlightCap(2).key();
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const job = async (index: number) => {
      started.push(index);
      running++;
      most = Math.max(most, running);
      await gates[index]?.promise;
      running--;
      return index;
    };
    const results = gates.slice(0, 4).map((_, index) => schedule({}, job, index));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[0]?.resolve();
    // Job 0 finishes and hands its slot to job 2; a newcomer scheduled now must wait behind job 3.
    const late = schedule({}, job, 4);
    await results[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all([...results, late])).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  test('a failing job frees its slot', async () => {
    const { schedule } = inFlightCap(1).key();
    await expect(schedule({}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await schedule({}, async () => 'next')).toBe('next');
  });
});

describe('RetryingRunner (the throttling plugin retry limiter, without timers)', () => {
  test('re-runs a failed job when a failed listener answers a wait, with the same arguments', async () => {
    const runner = new RetryingRunner();
    const seen: { args: unknown[]; retryCount: number }[] = [];
    runner.on('failed', (_error, info) => {
      seen.push(info);
      return info.retryCount < 2 ? 0 : undefined;
    });
    let calls = 0;
    const job = async (a: string, b: number) => {
      calls++;
      if (calls < 3) throw new Error(`attempt ${calls}`);
      return `${a}${b}`;
    };
    expect(await runner.schedule(job, 'x', 1)).toBe('x1');
    expect(calls).toBe(3);
    expect(seen).toEqual([
      { args: ['x', 1], retryCount: 0 },
      { args: ['x', 1], retryCount: 1 },
    ]);
  });

  test('gives up with the error when no listener answers a wait', async () => {
    const runner = new RetryingRunner();
    runner.on('failed', () => undefined);
    await expect(runner.schedule(async () => Promise.reject(new Error('403')))).rejects.toThrow('403');
  });
});
