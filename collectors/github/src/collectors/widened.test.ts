import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type GitHubClient, type GitHubConfig, githubConnector } from '@annexa/connector-github';
import { type CollectorDefinition, type JsonValue, withProvenanceSettled } from '@annexa/core';
import { type Sandbox, type SandboxScenario, scenarioPath, startSandbox } from '@annexa/sandbox';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { githubRepoDefaultBranchProtected } from '../checks/github_repo_default_branch_protected/check.js';
import { githubRepoPrReviewRequired } from '../checks/github_repo_pr_review_required/check.js';
import { githubRepoSecretScanningEnabled } from '../checks/github_repo_secret_scanning_enabled/check.js';
import { evaluateWithEvidence, evidenceFixture } from '../testing/evidence-fixture.js';
import { auditLog } from './audit-log.js';
import { orgAccess } from './org-access.js';
import { type Repositories, repositories } from './repositories.js';
import { securityAlerts } from './security-alerts.js';

const OWNER = 'ghp_sandboxOwnerToken0000000000000000001';
const MEMBER = 'ghp_sandboxMemberToken000000000000000002';
const log = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));

let startup: Sandbox;
let compliant: Sandbox;
let large: Sandbox;
beforeAll(async () => {
  [startup, compliant, large] = await Promise.all([
    startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') }),
    startSandbox({ scenario: scenarioPath('github/compliant.yaml') }),
    startSandbox({ scenario: scenarioPath('github/large-2k.yaml') }),
  ]);
});
afterAll(async () => {
  await Promise.all([startup.close(), compliant.close(), large.close()]);
});

async function collect<Data extends JsonValue>(
  collector: CollectorDefinition<string, GitHubConfig, GitHubClient, Data>,
  sandbox: Sandbox,
  options: Record<string, unknown> = {},
) {
  const config = githubConnector.config.parse({
    name: 'acme',
    type: 'github',
    org: 'acme',
    token: OWNER,
    baseUrl: sandbox.githubBaseUrl,
    ...options,
  });
  const signal = new AbortController().signal;
  const client = await githubConnector.create(config, { log, signal });
  const context = { config, log, signal, now: new Date('2026-11-27T12:00:00.000Z') };
  const outcome = await withProvenanceSettled(async () =>
    collector.schema.parse(await collector.collect(client, context)),
  );
  if (!outcome.ok) throw outcome.error;
  return outcome;
}

const byName = (data: Repositories) =>
  new Map(data.repositories.map((repository) => [repository.name, repository]));

describe('github.repositories', () => {
  test('GraphQL: one repository page and one query; archived out of scope; classic and rulesets both protect', async () => {
    const { result, requests } = await collect(repositories, startup);
    expect(requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      'GET /orgs/acme/repos?type=all&per_page=100',
      'POST /github/api/graphql',
    ]);
    expect(result.via).toBe('graphql');
    expect(result.counts).toEqual({ total: 7, inScope: 6, outOfScope: 1 });
    const repos = byName(result);
    expect(repos.get('old-site')).toMatchObject({
      inScope: false,
      facts: null,
      scopeReason: expect.stringMatching(/^archived/),
    });
    expect(repos.get('web')?.facts?.rulesets.ruleTypes).toEqual([
      'deletion',
      'non_fast_forward',
      'pull_request',
      'required_status_checks',
    ]);
    expect(repos.get('docs')?.facts?.codeownersPath).toBe('docs/CODEOWNERS');
    const evidence = evidenceFixture(repositories, result);
    const protectedResults = evaluateWithEvidence(githubRepoDefaultBranchProtected, {
      repositories: evidence,
    });
    expect(protectedResults.map((r) => [r.resource.split('/').pop(), r.status])).toEqual([
      ['api', 'pass'],
      ['docs', 'pass'],
      ['infra', 'fail'],
      ['mobile', 'pass'],
      ['sandbox-experiments', 'fail'],
      ['web', 'pass'],
    ]);
    const reviews = evaluateWithEvidence(githubRepoPrReviewRequired, { repositories: evidence });
    expect(reviews.filter((r) => r.status === 'fail').map((r) => r.resource.split('/').pop())).toEqual([
      'infra',
      'mobile',
      'sandbox-experiments',
    ]);
    expect(repositories.observesAssets?.(result)).toEqual([
      { controls: ['8.4', '8.25', '8.28', '8.32'], reason: '6 repositories are in the ISMS scope' },
    ]);
  });

  test('scope: include by topic or glob, exclude wins, archived only when included, reasons recorded', async () => {
    const { result } = await collect(repositories, startup, {
      scope: { include: ['topic:pci', 'web', 'old-*', 'sandbox-*'], exclude: ['sandbox-*'] },
    });
    const repos = byName(result);
    expect(
      [...repos.values()].map((repository) => [repository.name, repository.inScope, repository.scopeReason]),
    ).toEqual([
      ['api', true, 'included by "topic:pci"'],
      ['docs', false, 'matches no include selector'],
      ['infra', false, 'matches no include selector'],
      ['mobile', false, 'matches no include selector'],
      ['old-site', true, 'included by "old-*"'],
      ['sandbox-experiments', false, 'excluded by "sandbox-*"'],
      ['web', true, 'included by "web"'],
    ]);
    expect(result.scope).toEqual({
      include: ['topic:pci', 'web', 'old-*', 'sandbox-*'],
      exclude: ['sandbox-*'],
    });
  });

  test('REST gives the same protection facts as GraphQL, at 4 requests per in-scope repository, and checks CODEOWNERS', async () => {
    const graphql = (await collect(repositories, startup)).result;
    const rest = await collect(repositories, startup, { api: 'rest' });
    expect(rest.result.via).toBe('rest');
    expect(rest.requests).toHaveLength(1 + 4 * 6);
    const viaGraphql = byName(graphql);
    for (const repository of rest.result.repositories) {
      const other = viaGraphql.get(repository.name);
      expect(repository.facts?.classic, repository.name).toEqual(other?.facts?.classic);
      expect(repository.facts?.rulesets, repository.name).toEqual(other?.facts?.rulesets);
      expect(repository.facts?.dependabotAlerts, repository.name).toEqual(other?.facts?.dependabotAlerts);
      expect(repository.facts?.codeownersPath === null, repository.name).toBe(
        other?.facts?.codeownersPath === null,
      );
    }
    expect(byName(rest.result).get('infra')?.facts?.codeownersErrors).toBe(1);
    expect(byName(rest.result).get('api')?.facts?.codeownersErrors).toBe(0);
  });

  test('auto falls back to REST when the GraphQL schema has no rulesets (an older GHES), and says why', async () => {
    const scenario: SandboxScenario = {
      github: {
        org: { login: 'acme', id: 1, two_factor_requirement_enabled: true },
        repos: [{ name: 'api', classic: {} }, { name: 'web' }],
        features: { graphqlRulesets: false },
        tokens: [{ value: OWNER, role: 'owner' }],
      },
    };
    const old = await startSandbox({ scenario });
    try {
      const { result } = await collect(repositories, old);
      expect(result.via).toBe('rest');
      expect(result.fallbackReason).toContain("Field 'rules' doesn't exist on type 'Ref'");
      expect(byName(result).get('api')?.facts?.classic).toMatchObject({
        requiredApprovals: 1,
        adminsEnforced: true,
      });
      await expect(collect(repositories, old, { api: 'graphql' })).rejects.toThrow(/doesn't exist on type/);
    } finally {
      await old.close();
    }
  });

  test('a member token: protection and security settings are unknown, so checks are not-assessable, never pass', async () => {
    const { result } = await collect(repositories, startup, { token: MEMBER });
    const api = byName(result).get('api');
    expect(api?.facts).toMatchObject({
      classic: 'not-visible',
      secretScanning: null,
      dependabotAlerts: null,
    });
    const evidence = evidenceFixture(repositories, result);
    const statuses = (
      check: typeof githubRepoSecretScanningEnabled | typeof githubRepoDefaultBranchProtected,
    ) => new Set(evaluateWithEvidence(check, { repositories: evidence }).map((r) => r.status));
    expect(statuses(githubRepoSecretScanningEnabled)).toEqual(new Set(['not-assessable']));
    // web is protected by a ruleset, which non-admins can see; the rest is hidden.
    expect(statuses(githubRepoDefaultBranchProtected)).toEqual(new Set(['not-assessable', 'pass']));
  });

  test('2,000 repositories: p(R,100) + p(R,100) = 40 requests', async () => {
    const { result, requests } = await collect(repositories, large, { org: 'bigco' });
    expect(result.counts).toEqual({ total: 2000, inScope: 1800, outOfScope: 200 });
    expect(requests.filter((request) => request.method === 'GET')).toHaveLength(20);
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(20);
    expect(requests.every((request) => request.status === 200)).toBe(true);
  });

  test('ETags: a second run with a cache directory gets 304s for the REST listing and the same evidence', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'annexa-etag-'));
    try {
      const first = await collect(repositories, startup, { cacheDir });
      const second = await collect(repositories, startup, { cacheDir });
      expect(second.result).toEqual(first.result);
      // The listing and the GraphQL query run side by side: either may be recorded first.
      expect(second.requests.map((request) => `${request.method} ${request.status}`).sort()).toEqual([
        'GET 304',
        'POST 200',
      ]);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});

describe('github.org-access', () => {
  test('owners, member count and outside collaborators in three requests', async () => {
    const { result, requests } = await collect(orgAccess, startup);
    expect(result).toEqual({
      owners: [
        { login: 'alice', id: 1001 },
        { login: 'erin', id: 1005 },
        { login: 'gina', id: 1007 },
        { login: 'hank', id: 1008 },
      ],
      memberCount: 8,
      outsideCollaborators: [{ login: 'contractor-zoe', id: 2001 }],
      ownerLimit: { max: 3, percent: 10 },
    });
    expect(requests).toHaveLength(3);
  });

  test('the owner limit comes from annexa.yaml and is recorded with the evidence', async () => {
    const { result } = await collect(orgAccess, startup, { owners: { max: 5 } });
    expect(result.ownerLimit).toEqual({ max: 5, percent: 10 });
  });
});

describe('github.security-alerts and github.audit-log', () => {
  test('without Advanced Security: Dependabot alerts listed, scanning alerts unavailable with an actionable reason', async () => {
    const { result } = await collect(securityAlerts, startup);
    expect(result.dependabot).toEqual({
      available: true,
      alerts: [
        { repository: 'api', number: 1, kind: 'critical', createdAt: '2026-09-01T08:00:00Z' },
        { repository: 'old-site', number: 3, kind: 'critical', createdAt: '2025-01-10T08:00:00Z' },
        { repository: 'web', number: 2, kind: 'high', createdAt: '2026-11-20T08:00:00Z' },
      ],
    });
    expect(result.secretScanning).toMatchObject({
      available: false,
      reason: expect.stringContaining('Advanced Security'),
    });
    expect(result.codeScanning).toMatchObject({
      available: false,
      reason: expect.stringContaining('GitHub answered 403'),
    });
    expect(result.sla).toEqual({ criticalDays: 30, highDays: 60 });
  });

  test('a compliant organisation: only open alerts of the asked severities come back', async () => {
    const { result, requests } = await collect(securityAlerts, compliant, { alertSla: { criticalDays: 14 } });
    expect(result.dependabot).toMatchObject({
      available: true,
      alerts: [{ repository: 'service-01', kind: 'high' }],
    });
    expect(result.codeScanning).toEqual({ available: true, alerts: [] });
    expect(result.sla).toEqual({ criticalDays: 14, highDays: 60 });
    expect(requests).toHaveLength(3);
  });

  test('audit log: available on GitHub Enterprise Cloud, not elsewhere (with the reason)', async () => {
    expect((await collect(auditLog, compliant)).result).toMatchObject({ available: true, events: 2 });
    expect((await collect(auditLog, startup)).result).toMatchObject({
      available: false,
      reason: expect.stringContaining('GitHub Enterprise Cloud'),
    });
  });
});

test('rate limit: the client pauses before the budget runs out instead of hitting 403, and resumes', async () => {
  const scenario: SandboxScenario = {
    github: {
      org: { login: 'acme', id: 1, two_factor_requirement_enabled: true },
      generate: { members: 1500, without2fa: 0 },
      rateLimit: { limit: 10, windowSeconds: 1 },
      tokens: [{ value: OWNER, role: 'owner' }],
    },
  };
  const tight = await startSandbox({ scenario });
  try {
    const { result } = await collect(orgAccess, tight);
    expect(result.memberCount).toBe(1500);
    expect(tight.requests.filter((request) => request.status !== 200)).toEqual([]);
    expect(tight.requests).toHaveLength(1 + 15 + 1);
  } finally {
    await tight.close();
  }
});
