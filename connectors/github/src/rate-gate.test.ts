import { Writable } from 'node:stream';
import { ConnectorError } from '@annexa/core';
import { pino } from 'pino';
import { expect, test } from 'vitest';
import { RateLimitGate, rateLimitResource } from './rate-gate.js';

const log = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));
const headers = (remaining: number, resetSeconds: number, limit = 5000) =>
  new Headers({
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(resetSeconds),
  });

test('lets requests through while the budget lasts, then waits for the reset before the limit', async () => {
  let now = 1_000_000_000;
  const sleeps: number[] = [];
  const gate = new RateLimitGate({
    log,
    maxWaitSeconds: 600,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  });
  await gate.admit('core'); // nothing known yet
  gate.observe('core', headers(52, now / 1000 + 30));
  await gate.admit('core'); // 52 → 51
  await gate.admit('core'); // 51 → 50 (the reserve is 1% of 5,000)
  expect(sleeps).toEqual([]);
  await gate.admit('core');
  expect(sleeps).toEqual([31_000]);
  expect(gate.waitedMs).toBe(31_000);
  // Another budget is independent.
  gate.observe('graphql', headers(4000, now / 1000 + 30));
  await gate.admit('graphql');
  expect(sleeps).toHaveLength(1);
});

test('a reset too far away fails as rate-limited with what to do, instead of stalling the run', async () => {
  const gate = new RateLimitGate({ log, maxWaitSeconds: 60, now: () => 0, sleep: async () => {} });
  gate.observe('core', headers(0, 3600));
  const error = await gate.admit('core').catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConnectorError);
  expect((error as ConnectorError).code).toBe('rate-limited');
  expect((error as ConnectorError).message).toMatch(/resets in 3601 s.*GitHub App/);
});

test('responses arriving out of order never raise the remaining count within a window', async () => {
  const sleeps: number[] = [];
  const gate = new RateLimitGate({
    log,
    maxWaitSeconds: 600,
    now: () => 0,
    sleep: async (ms) => void sleeps.push(ms),
  });
  gate.observe('core', headers(10, 100, 100));
  gate.observe('core', headers(20, 100, 100));
  for (let i = 0; i < 9; i++) await gate.admit('core');
  expect(sleeps).toEqual([]);
  await gate.admit('core');
  expect(sleeps).toEqual([101_000]);
});

test('the budget a URL spends', () => {
  expect(rateLimitResource(new URL('https://ghe.example.com/api/graphql'))).toBe('graphql');
  expect(rateLimitResource(new URL('https://api.github.com/orgs/a/audit-log'))).toBe('audit_log');
  expect(rateLimitResource(new URL('https://api.github.com/orgs/a/repos'))).toBe('core');
});
