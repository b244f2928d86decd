/**
 * AWS: requests against the minimum of api-notes §5, and wall time, for the sandbox's compliant, typical and
 * large (20 accounts × 17 regions, 5,000 users) scenarios. Every AWS collector runs as `annexa collect` runs it
 * (one client per instance, collectors concurrently), with the real SDK clients against the loopback fake.
 * Medians of 3 repetitions; each repetition starts a fresh sandbox, so credential reports are generated anew.
 */
import { awsCollectors } from '@annexa/collectors-aws';
import { awsConnector, createAwsClient } from '@annexa/connector-aws';
import { type ProvenanceRequest, withProvenance } from '@annexa/core';
import {
  ALL_REGIONS,
  type AwsWorld,
  loadScenario,
  type SandboxWorld,
  scenarioPath,
  startSandbox,
} from '@annexa/sandbox';
import { silentLogger } from './silent-logger.js';

const REPETITIONS = 3;
const log = silentLogger;

interface Case {
  name: string;
  scenario: string;
  config: Record<string, unknown>;
}

const CASES: Case[] = [
  { name: 'compliant (1 account, 2 regions)', scenario: 'aws/compliant.yaml', config: {} },
  { name: 'typical (1 account, 2 regions)', scenario: 'aws/typical.yaml', config: {} },
  {
    name: 'large (20 accounts × 17 regions, 5,000 users)',
    scenario: 'aws/large.yaml',
    config: { accounts: { roleName: 'annexa-audit', fromOrganization: true } },
  },
];

export async function benchAws(): Promise<string> {
  process.env.AWS_ACCESS_KEY_ID = 'AKIASANDBOX000000001';
  process.env.AWS_SECRET_ACCESS_KEY = 'sandboxSecretNotARealOne0000000000000001';
  const rows: string[][] = [
    [
      'scenario',
      'requests',
      'minimum',
      'ratio',
      'of which IAM',
      'IAM minimum',
      'wall ms (median)',
      'ms / request',
    ],
  ];
  for (const entry of CASES) {
    const world = (await loadScenario(scenarioPath(entry.scenario))) as SandboxWorld;
    const floor = minimum(world.aws as AwsWorld, entry.config.accounts !== undefined);
    const times: number[] = [];
    let requests: ProvenanceRequest[] = [];
    for (let repetition = 0; repetition < REPETITIONS; repetition++) {
      const measured = await measure(entry);
      times.push(measured.ms);
      requests = measured.requests;
    }
    const ms = median(times);
    const iam = requests.filter((request) => request.path.includes('/iam/')).length;
    rows.push([
      entry.name,
      String(requests.length),
      String(floor.total),
      (requests.length / floor.total).toFixed(2),
      String(iam),
      String(floor.iam),
      ms.toFixed(0),
      (ms / requests.length).toFixed(2),
    ]);
  }
  return `${table(rows)}\n\nminimum: api-notes §5 for what the collectors read: per account 2 + polls (credential report) + 1 + 1 + p(N,1000) (IAM),\n1 + 2T (CloudTrail: DescribeTrails, then GetTrailStatus and GetEventSelectors per trail), 1 (S3 account block),\n1 + 3B (buckets: encryption, block, policy status), Rg (Config), Rg + detectors (GuardDuty), Rg (EBS),\n1 DescribeRegions; plus account discovery (1 GetCallerIdentity, or\np(A,20) ListAccounts + 1 AssumeRole per account). No faults injected: every request is a logical one.`;
}

async function measure(entry: Case): Promise<{ ms: number; requests: ProvenanceRequest[] }> {
  const sandbox = await startSandbox({ scenario: scenarioPath(entry.scenario) });
  try {
    const config = awsConnector.config.parse({
      name: 'bench',
      type: 'aws',
      region: 'eu-west-1',
      regions: 'all-enabled',
      endpoint: sandbox.aws?.url,
      ...entry.config,
    });
    const signal = new AbortController().signal;
    const started = performance.now();
    const { result } = await withProvenance(async () => {
      const client = createAwsClient(config, { log, signal });
      const outcomes = await Promise.all(
        awsCollectors.map((collector) =>
          withProvenance(() => collector.collect(client, { config, log, signal, now: new Date() })),
        ),
      );
      return outcomes.flatMap((outcome) => outcome.requests);
    });
    return { ms: performance.now() - started, requests: result };
  } finally {
    await sandbox.close();
  }
}

function minimum(world: AwsWorld, organization: boolean): { total: number; iam: number } {
  // Through one role name every account is entered with AssumeRole, the management account too.
  let total = organization ? Math.max(1, Math.ceil(world.accounts.length / 20)) + world.accounts.length : 1;
  let iam = 0;
  for (const account of world.accounts) {
    const regions = account.regions === 'all' ? ALL_REGIONS.length : account.regions.length;
    const users = (account.generateUsers?.users ?? 0) + account.users.length;
    const entities = users + account.groups.length + account.roles.length + account.policies.length;
    const report =
      2 +
      (account.credentialReportAgeHours !== null && account.credentialReportAgeHours < 4
        ? 0
        : account.reportPolls);
    const accountIam = report + 1 + 1 + Math.max(1, Math.ceil(entities / 1000));
    const trails = account.trails.filter(
      (trail) => trail.multiRegion || trail.homeRegion === 'eu-west-1',
    ).length;
    const detectorRegions = account.guardDuty === 'all' ? regions : account.guardDuty.length;
    iam += accountIam;
    total +=
      1 +
      accountIam +
      (1 + 2 * trails) +
      1 +
      (1 + 3 * account.buckets.length) +
      regions +
      (regions + detectorRegions) +
      regions;
  }
  return { total, iam };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [
    line(rows[0] ?? []),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}
