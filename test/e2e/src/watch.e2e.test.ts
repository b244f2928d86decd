// biome-ignore-all lint/suspicious/noTemplateCurlyInString: annexa.yaml's own ${VAR} syntax, not JS templates.
import { createHmac } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AlertBatch } from '@annexa/core';
import { type Sandbox, scenarioPath, startSandbox } from '@annexa/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { annexa, makeWorkspace } from './cli-harness.js';
import { startWatch, type WatchProcess } from './watch-harness.js';

const OWNER_TOKEN = 'ghp_sandboxOwnerToken0000000000000000001';
const SECRET = 'whsec_e2e_0123456789abcdef';

let sandbox: Sandbox;
let hook: { url: string; bodies: string[]; signatures: string[]; close(): Promise<void> };
const cleanups: (() => Promise<void>)[] = [];
let watch: WatchProcess | undefined;

async function startHook() {
  const bodies: string[] = [];
  const signatures: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      signatures.push(String(request.headers['x-annexa-signature-256'] ?? ''));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/annexa`,
    bodies,
    signatures,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function workspace(schedule: string[]): Promise<string> {
  const { dir, cleanup } = await makeWorkspace(sandbox.githubBaseUrl, 'acme');
  cleanups.push(cleanup);
  await appendFile(
    join(dir, 'annexa.yaml'),
    [
      'alerts:',
      '  sinks:',
      '    - type: webhook',
      `      url: ${hook.url}`,
      '      secret: ${ANNEXA_WEBHOOK_SECRET}',
      'schedule:',
      ...schedule,
      '',
    ].join('\n'),
  );
  return dir;
}

const env = { GITHUB_TOKEN: OWNER_TOKEN, ANNEXA_WEBHOOK_SECRET: SECRET };
const events = (body: string | undefined) =>
  (JSON.parse(body ?? '{"events":[]}') as AlertBatch).events.map((event) =>
    `${event.type} ${event.finding?.control ?? event.instance} ${event.finding?.kind ?? ''}`.trim(),
  );

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: scenarioPath('github/compliant.yaml') });
  hook = await startHook();
});
afterAll(async () => {
  await sandbox.close();
  await hook.close();
});
afterEach(async () => {
  if (watch && watch.child.exitCode === null) {
    watch.child.kill('SIGKILL');
    await watch.exit;
  }
  watch = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await sandbox.setScenario(scenarioPath('github/compliant.yaml'));
  sandbox.setFaults({});
  hook.bodies.length = 0;
  hook.signatures.length = 0;
});

describe('annexa watch', () => {
  test('flips compliant → drifted → compliant: exactly one alert each way; metrics; clean SIGTERM', async () => {
    const dir = await workspace(['  every: 300ms', '  jitter: 0s']);
    watch = startWatch([], { cwd: dir, env });
    const w = watch;
    const base = await w.url();

    // The first run reports what it finds (the SoA excludes 8.28, yet there are repositories); then quiet.
    await w.waitFor(() => hook.bodies.length >= 1 && w.runs() >= 3, 'the first alert and two quiet runs');
    expect(hook.bodies).toHaveLength(1);
    expect(events(hook.bodies[0])).toContain('finding-opened 8.28 contradicted-exclusion');
    expect(hook.signatures[0]).toBe(
      `sha256=${createHmac('sha256', SECRET)
        .update(hook.bodies[0] ?? '')
        .digest('hex')}`,
    );

    await sandbox.setScenario(scenarioPath('github/no-2fa.yaml'));
    await w.waitFor(() => hook.bodies.length >= 2, 'the drift alert');
    const afterDrift = w.runs();
    await w.waitFor(() => w.runs() >= afterDrift + 3, 'three more runs of the drifted world');
    expect(hook.bodies).toHaveLength(2);
    expect(events(hook.bodies[1])).toContain('finding-opened 8.5 failing');

    await sandbox.setScenario(scenarioPath('github/compliant.yaml'));
    await w.waitFor(() => hook.bodies.length >= 3, 'the resolved alert');
    const afterFix = w.runs();
    await w.waitFor(() => w.runs() >= afterFix + 3, 'three more runs of the compliant world');
    expect(hook.bodies).toHaveLength(3);
    expect(events(hook.bodies[2])).toContain('finding-resolved 8.5 failing');

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^annexa_runs_total\{instance="acme",outcome="ok"\} \d+$/m);
    expect(metrics).toMatch(/^annexa_api_requests_total\{instance="acme"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^annexa_findings\{kind="contradicted-exclusion"\} 1$/m);
    expect(metrics).toMatch(/^annexa_evidence_age_seconds\{control="8\.5"\} /m);
    expect(metrics).toMatch(/^annexa_alerts_total\{result="delivered",sink="webhook 127\.0\.0\.1:\d+"\} 3$/m);

    w.child.kill('SIGTERM');
    expect((await w.exit).code).toBe(0);
    expect(w.lines.at(-1)).toMatch(/stopped after \d+ run/);
    expect((await annexa(['verify'], { cwd: dir, env })).code).toBe(0);
  });

  test('keeps running through 5xx, rate limits and a connector down for several runs, alerting once per change', async () => {
    const dir = await workspace(['  every: 200ms', '  jitter: 50ms']);
    watch = startWatch([], { cwd: dir, env });
    const w = watch;
    await w.waitFor(() => hook.bodies.length >= 1 && w.runs() >= 2, 'the first alert');

    // Transient faults the connector rides out (5xx retried, 429 waited out): no change, no alert.
    sandbox.setFaults({ serverErrors: { first: 2, status: 502 } });
    let mark = w.runs();
    await w.waitFor(() => w.runs() >= mark + 2, 'runs through 5xx');
    sandbox.setFaults({ rateLimit: { first: 1, retryAfterSeconds: 1, kind: 'secondary', status: 429 } });
    mark = w.runs();
    await w.waitFor(() => w.runs() >= mark + 2, 'runs through 429');
    sandbox.setFaults({});
    expect(hook.bodies).toHaveLength(1);

    // The organisation's API is gone for several runs: one alert when it starts failing, then quiet.
    await sandbox.setScenario({ description: 'GitHub is down' });
    await w.waitFor(
      () => hook.bodies.flatMap(events).includes('connector-failing acme'),
      'the failing alert',
    );
    const whileDown = hook.bodies.length;
    // The outage is the news: the controls it leaves unevidenced are explained by it, not alerted one by one.
    expect(events(hook.bodies.at(-1))).toEqual(['connector-failing acme']);
    mark = w.runs();
    await w.waitFor(() => w.runs() >= mark + 3, 'more runs while down');
    expect(hook.bodies).toHaveLength(whileDown);

    await sandbox.setScenario(scenarioPath('github/compliant.yaml'));
    await w.waitFor(
      () => hook.bodies.flatMap(events).includes('connector-recovered acme'),
      'the recovered alert',
    );
    mark = w.runs();
    await w.waitFor(() => w.runs() >= mark + 2, 'more runs after recovery');
    expect(events(hook.bodies.at(-1))).toEqual(['connector-recovered acme']);
    const all = hook.bodies.flatMap(events);
    expect(all.filter((event) => event === 'connector-failing acme')).toHaveLength(1);
    expect(all.filter((event) => event === 'connector-recovered acme')).toHaveLength(1);
    // A failing connector proves nothing: the 8.28 finding it had shown was never reported resolved.
    expect(all.filter((event) => event.startsWith('finding-resolved 8.28'))).toEqual([]);

    w.child.kill('SIGTERM');
    expect((await w.exit).code).toBe(0);
    // No evidence lost: every run the agent reported is in the ledger, and the locker verifies.
    const verified = await annexa(['verify', '--json'], { cwd: dir, env });
    expect(verified.code).toBe(0);
    expect((JSON.parse(verified.stdout) as { runs: number }).runs).toBe(w.runs());
  });

  test('SIGKILL mid-run leaves a locker that verifies, and the next run completes', async () => {
    sandbox.setFaults({ latencyMs: 40 });
    const dir = await workspace(['  every: 50ms', '  jitter: 0s']);
    watch = startWatch([], { cwd: dir, env });
    const w = watch;
    await w.waitFor(() => w.runs() >= 1, 'a first run');
    // Requests take 40 ms each and runs follow each other at once: the kill lands inside a run.
    await w.waitFor(() => sandbox.requests.length > 0 && w.runs() >= 2, 'a second run');
    const before = sandbox.requests.length;
    await w.waitFor(() => sandbox.requests.length > before, 'a run in progress');
    w.child.kill('SIGKILL');
    await w.exit;
    sandbox.setFaults({});
    expect((await annexa(['verify'], { cwd: dir, env })).code).toBe(0);
    const next = await annexa(['run'], { cwd: dir, env });
    expect([0, 1]).toContain(next.code);
    expect((await annexa(['verify'], { cwd: dir, env })).code).toBe(0);
  });
});
