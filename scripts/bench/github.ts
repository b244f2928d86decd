/**
 * GitHub requests, wall time and memory per sandbox scenario, against the minimum request count of
 * docs (api-notes §5) and the wall-time bound the latency and rate limits impose. Every request gets 50 ms of
 * latency from the sandbox. Medians of 3 runs (1 for the 20,000-repository organisation).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubSystem } from '@annexa/collectors-github';
import { githubConnector } from '@annexa/connector-github';
import { loadScenario, scenarioPath } from '@annexa/sandbox';
import { silentLogger } from './silent-logger.js';

const LATENCY_MS = 50;
const OWNER = 'ghp_sandboxOwnerToken0000000000000000001';
const log = silentLogger;
const p = (count: number) => Math.max(1, Math.ceil(count / 100));

const SCENARIOS = [
  { title: 'typical startup (7 repos)', file: 'github/no-2fa.yaml', runs: 3 },
  { title: 'compliant (12 repos)', file: 'github/compliant.yaml', runs: 3 },
  { title: 'large (2,000 repos, 1,000 members)', file: 'github/large-2k.yaml', runs: 3 },
  { title: 'large (20,000 repos, 1,000 members)', file: 'github/large-20k.yaml', runs: 1 },
] as const;

interface Sample {
  requests: number;
  wallMs: number;
  peakRssMb: number;
  rerunQuota: number;
}

export async function benchGitHub(): Promise<string> {
  const rows: string[][] = [];
  for (const scenario of SCENARIOS) {
    const world = (await loadScenario(scenarioPath(scenario.file))).github;
    if (!world) throw new Error(`${scenario.file} has no github world`);
    const open = <T extends { state: string }>(alerts: readonly T[]) =>
      alerts.filter((a) => a.state === 'open');
    const severe = <T extends { severity: string; state: string }>(alerts: readonly T[]) =>
      open(alerts).filter((a) => a.severity === 'critical' || a.severity === 'high').length;
    const repos = world.repos.length;
    const chains = {
      org: 1,
      members2fa: p(world.members.filter((m) => !m.twoFactor).length),
      access:
        p(world.members.filter((m) => m.role === 'admin').length) +
        p(world.members.length) +
        p(world.outsideCollaborators.length),
      // The REST listing (with security_and_analysis) and the GraphQL protection query, p(R,100) each.
      repositories: p(repos) + p(repos),
      alerts:
        p(severe(world.alerts.dependabot)) +
        p(severe(world.alerts.codeScanning)) +
        p(open(world.alerts.secretScanning).length),
      auditLog: 1,
    };
    const minimum = Object.values(chains).reduce((sum, value) => sum + value, 0);
    // Pages are sequential within a chain; the listing and the GraphQL query run side by side.
    const longestChain = Math.max(
      chains.org,
      chains.members2fa,
      chains.access,
      p(repos),
      chains.alerts,
      chains.auditLog,
    );
    const latencyBoundMs = longestChain * LATENCY_MS;
    // Primary: 5,000 an hour; secondary: 900 points a minute per REST endpoint (the repository listing is the
    // busiest). Neither binds below 5,000 requests and 900 pages of one endpoint.
    const rateBoundMs = Math.max(
      Math.floor((minimum - 1) / 5000) * 3_600_000,
      Math.floor((p(repos) - 1) / 900) * 60_000,
    );
    const boundMs = Math.max(latencyBoundMs, rateBoundMs);
    const samples: Sample[] = [];
    for (let run = 0; run < scenario.runs; run++) samples.push(await measure(scenario.file, world.org.login));
    const median = (key: keyof Sample) =>
      samples.map((sample) => sample[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
    rows.push([
      scenario.title,
      String(median('requests')),
      String(minimum),
      `${(median('requests') / minimum).toFixed(2)}×`,
      `${(median('wallMs') / 1000).toFixed(2)} s`,
      `${(boundMs / 1000).toFixed(2)} s`,
      `${(median('wallMs') / boundMs).toFixed(2)}×`,
      `${median('peakRssMb').toFixed(0)} MB`,
      String(median('rerunQuota')),
    ]);
  }
  const header = [
    'scenario',
    'requests',
    'minimum',
    'ratio',
    'wall (50 ms/req)',
    'bound',
    'wall/bound',
    'peak RSS Δ',
    're-run quota',
  ];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [
    `github: all ${githubSystem.collectors.length} collectors of one instance at once, GraphQL for protection; ` +
      `minimum = api-notes §5 (org 1 + p(M₂) + p(A) + p(M) + p(C) + p(R) REST + p(R) GraphQL + alerts + audit log 1); ` +
      `bound = longest chain of sequential pages × ${LATENCY_MS} ms, or the rate limits if they bind; ` +
      `re-run quota = requests of a second run with the ETag cache that still cost primary quota`,
    line(header),
    ...rows.map(line),
  ].join('\n');
}

/** The sandbox in a child process (see github-sandbox-child.ts), driven over IPC. */
class ChildSandbox {
  constructor(
    readonly child: ChildProcess,
    readonly githubBaseUrl: string,
  ) {}

  static async start(file: string): Promise<ChildSandbox> {
    const child = fork(new URL('./github-sandbox-child.ts', import.meta.url), [file, String(LATENCY_MS)], {
      execArgv: ['--import', 'tsx', '--conditions=annexa-source'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const [message] = (await once(child, 'message')) as [{ url: string }];
    return new ChildSandbox(child, message.url);
  }

  async ask<T>(question: string): Promise<T> {
    const answer = once(this.child, 'message');
    this.child.send(question);
    return ((await answer) as [T])[0];
  }

  async statuses(): Promise<number[]> {
    return (await this.ask<{ requests: { status: number }[] }>('requests')).requests.map((r) => r.status);
  }

  async close(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.send('close');
    await exited;
  }
}

async function measure(file: string, org: string): Promise<Sample> {
  const sandbox = await ChildSandbox.start(file);
  const cacheDir = await mkdtemp(join(tmpdir(), 'annexa-bench-etag-'));
  try {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    const started = performance.now();
    await collectAll(sandbox.githubBaseUrl, org, cacheDir);
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const requests = (await sandbox.statuses()).length;
    await sandbox.ask('reset');
    await collectAll(sandbox.githubBaseUrl, org, cacheDir);
    const rerunQuota = (await sandbox.statuses()).filter((status) => status !== 304).length;
    return { requests, wallMs, peakRssMb: (peak - baseline) / 2 ** 20, rerunQuota };
  } finally {
    await sandbox.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

async function collectAll(baseUrl: string, org: string, cacheDir: string): Promise<void> {
  const config = githubConnector.config.parse({
    name: 'bench',
    type: 'github',
    org,
    token: OWNER,
    baseUrl,
    cacheDir,
  });
  const signal = new AbortController().signal;
  const client = await githubConnector.create(config, { log, signal });
  const context = { config, log, signal, now: new Date() };
  await Promise.all(githubSystem.collectors.map((collector) => collector.collect(client, context)));
}
