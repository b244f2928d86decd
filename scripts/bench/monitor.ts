/**
 * Monitoring overhead per run (issue 6): what `annexa run` adds after collection. recordMonitorRun (diff with
 * the previous state, update the corrective-action register, write both atomically) against the baseline of
 * writing the same state bytes once; and a signed webhook delivery to a loopback receiver against a plain POST
 * of the same body. Medians of 7 repetitions.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AlertBatch, contentId, type DriftFinding, FsStateStore, recordMonitorRun } from '@annexa/core';
import { webhookSink } from '../../cli/src/alerts/webhook-sink.js';

const REPETITIONS = 7;
const SIZES = [100, 1_000, 5_000];

function findings(count: number, salt: number): DriftFinding[] {
  return Array.from({ length: count }, (_, index) => {
    // A tenth of the findings change between runs: new ones open, old ones resolve.
    const id = index < count / 10 ? `${salt}-${index}` : String(index);
    return {
      fingerprint: contentId({ id }),
      control: '8.5',
      controlTitle: 'Secure authentication',
      kind: 'failing',
      severity: 'high',
      message: `resource ${id} fails`,
      soa: { applicable: true, status: 'implemented', line: 1 },
      checks: ['github_members_2fa_enabled'],
      evidence: [contentId({ evidence: id })],
      resources: { items: [`member/${id}`], total: 1 },
    } satisfies DriftFinding;
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function benchMonitor(): Promise<string> {
  const rows = [
    '| tracked findings | recordMonitorRun (median ms) | write state once (ms) | ratio |',
    '| ---: | ---: | ---: | ---: |',
  ];
  for (const size of SIZES) {
    const dir = await mkdtemp(join(tmpdir(), 'annexa-bench-monitor-'));
    try {
      const store = new FsStateStore(dir);
      const times: number[] = [];
      const baselines: number[] = [];
      for (let run = 0; run <= REPETITIONS; run++) {
        const started = performance.now();
        const outcome = await recordMonitorRun({
          store,
          at: new Date(Date.UTC(2026, 10, 1, 0, run)),
          run: { seq: run + 1, id: contentId({ run }) },
          findings: findings(size, run),
          collected: [{ instance: 'acme' }],
          current: { instances: new Map() },
          exceptions: [],
          digest: 'off',
          organization: 'Acme',
        });
        const elapsed = performance.now() - started;
        const baseStart = performance.now();
        await writeFile(
          join(dir, 'baseline.json'),
          JSON.stringify({ ...outcome.state, ...outcome.register }, null, 2),
        );
        const baseline = performance.now() - baseStart;
        if (run > 0) {
          // run 0 opens everything from an empty state; the steady state is what a monitor pays.
          times.push(elapsed);
          baselines.push(baseline);
        }
      }
      rows.push(
        `| ${size} | ${median(times).toFixed(2)} | ${median(baselines).toFixed(2)} | ${(median(times) / median(baselines)).toFixed(1)}× |`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  rows.push('', await benchDelivery());
  return rows.join('\n');
}

async function benchDelivery(): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const batch: AlertBatch = {
    schema: 'annexa.alert/v1',
    kind: 'changes',
    at: new Date().toISOString(),
    run: { seq: 1, id: contentId(1) },
    organization: 'Acme',
    open: 0,
    events: [],
  };
  const sink = webhookSink(
    { url, secret: 'bench-secret-0123456789' },
    { retries: 0, timeoutMs: 5000, backoffMs: 1, deadLetter: join(tmpdir(), 'annexa-bench-dead.jsonl') },
  );
  const signed: number[] = [];
  const plain: number[] = [];
  const body = JSON.stringify(batch);
  for (let n = 0; n < 50; n++) {
    let started = performance.now();
    await sink.deliver(batch);
    signed.push(performance.now() - started);
    started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    await response.arrayBuffer();
    plain.push(performance.now() - started);
  }
  server.close();
  server.closeAllConnections();
  return [
    '| delivery (loopback, 50 batches) | median ms | ratio |',
    '| --- | ---: | ---: |',
    `| signed webhook sink | ${median(signed).toFixed(2)} | ${(median(signed) / median(plain)).toFixed(2)}× |`,
    `| plain fetch POST (baseline) | ${median(plain).toFixed(2)} | 1.00× |`,
  ].join('\n');
}
