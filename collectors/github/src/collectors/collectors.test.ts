import { Writable } from 'node:stream';
import { type GitHubClient, type GitHubConfig, githubConnector } from '@annexa/connector-github';
import {
  type CollectorDefinition,
  ConnectorError,
  type JsonValue,
  withProvenanceSettled,
} from '@annexa/core';
import { type Sandbox, scenarioPath, startSandbox } from '@annexa/sandbox';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { githubMembers2faEnabled } from '../checks/github_members_2fa_enabled/check.js';
import { githubOrg2faRequired } from '../checks/github_org_2fa_required/check.js';
import { githubSystem } from '../index.js';
import { evaluateWithEvidence, evidenceFixture } from '../testing/evidence-fixture.js';
import { members2fa } from './members-2fa.js';
import { orgSettings } from './org-settings.js';

const OWNER = 'ghp_sandboxOwnerToken0000000000000000001';
const MEMBER = 'ghp_sandboxMemberToken000000000000000002';
const log = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));

let compliant: Sandbox;
let no2fa: Sandbox;
let large: Sandbox;
beforeAll(async () => {
  [compliant, no2fa, large] = await Promise.all([
    startSandbox({ scenario: scenarioPath('github/compliant.yaml') }),
    startSandbox({ scenario: scenarioPath('github/no-2fa.yaml') }),
    startSandbox({ scenario: scenarioPath('github/large.yaml') }),
  ]);
});
afterAll(async () => {
  await Promise.all([compliant.close(), no2fa.close(), large.close()]);
});

/** Runs a collector the way the run does: a client from the connector, inside withProvenanceSettled. */
async function run<Data extends JsonValue>(
  collector: CollectorDefinition<string, GitHubConfig, GitHubClient, Data>,
  sandbox: Sandbox,
  options: { token?: string; org?: string } = {},
) {
  const config: GitHubConfig = githubConnector.config.parse({
    name: 'acme',
    type: 'github',
    org: options.org ?? 'acme',
    token: options.token ?? OWNER,
    baseUrl: sandbox.githubBaseUrl,
  });
  const signal = new AbortController().signal;
  const client = await githubConnector.create(config, { log, signal });
  const context = { config, log, signal, now: new Date('2026-11-27T12:00:00.000Z') };
  return withProvenanceSettled(async () => collector.schema.parse(await collector.collect(client, context)));
}

/** Like run, for a collection that must succeed. */
async function collect<Data extends JsonValue>(
  collector: CollectorDefinition<string, GitHubConfig, GitHubClient, Data>,
  sandbox: Sandbox,
  options: { token?: string; org?: string } = {},
) {
  const outcome = await run(collector, sandbox, options);
  if (!outcome.ok) throw outcome.error;
  return outcome;
}

describe('github.org-settings', () => {
  test('owner token: every setting, in one request', async () => {
    const { result, requests } = await collect(orgSettings, compliant);
    expect(result).toMatchObject({
      login: 'acme',
      two_factor_requirement_enabled: true,
      default_repository_permission: 'read',
      members_can_create_public_repositories: false,
      public_repos: 3,
      total_private_repos: 9,
      plan: 'team',
    });
    expect(requests).toEqual([{ method: 'GET', path: '/orgs/acme', status: 200 }]);
    const evidence = evidenceFixture(orgSettings, result);
    expect(evaluateWithEvidence(githubOrg2faRequired, { org: evidence }).map((r) => r.status)).toEqual([
      'pass',
    ]);
  });

  test('member token: owner-only settings are null, and the 2FA check is not-assessable, not pass', async () => {
    const { result } = await collect(orgSettings, no2fa, { token: MEMBER });
    expect(result.two_factor_requirement_enabled).toBeNull();
    expect(result.total_private_repos).toBeNull();
    expect(result.public_repos).toBe(5);
    const evidence = evidenceFixture(orgSettings, result);
    expect(evaluateWithEvidence(githubOrg2faRequired, { org: evidence }).map((r) => r.status)).toEqual([
      'not-assessable',
    ]);
  });

  test('observesAssets: repositories make the secure-development controls relevant', async () => {
    const owner = (await collect(orgSettings, large, { org: 'megacorp' })).result;
    expect(orgSettings.observesAssets?.(owner)).toEqual([
      {
        controls: ['8.4', '8.25', '8.28', '8.32'],
        reason: `1500 repositories exist in ${new URL(large.url).host}/orgs/megacorp`,
      },
    ]);
    const member = (await collect(orgSettings, large, { org: 'megacorp', token: MEMBER })).result;
    expect(orgSettings.observesAssets?.(member)?.[0]?.reason).toMatch(/^at least 120 repositories exist/);
    expect(orgSettings.observesAssets?.({ ...owner, public_repos: 0, total_private_repos: 0 })).toEqual([]);
  });

  test('an unknown organization propagates as not-found', async () => {
    const outcome = await run(orgSettings, compliant, { org: 'nope' });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toBeInstanceOf(ConnectorError);
    expect(!outcome.ok && (outcome.error as ConnectorError).code).toBe('not-found');
  });
});

describe('github.members-2fa', () => {
  test('owner token, no-2fa scenario: the three members, sorted, and three failing results', async () => {
    const { result, requests } = await collect(members2fa, no2fa);
    expect(result).toEqual({
      membersWithout2fa: [
        { login: 'bob', id: 1002 },
        { login: 'dave', id: 1004 },
        { login: 'erin', id: 1005 },
      ],
      count: 3,
    });
    expect(requests).toEqual([
      { method: 'GET', path: '/orgs/acme/members?filter=2fa_disabled&per_page=100', status: 200 },
    ]);
    const evidence = evidenceFixture(members2fa, result);
    const results = evaluateWithEvidence(githubMembers2faEnabled, { members: evidence });
    expect(results.map((r) => r.status)).toEqual(['fail', 'fail', 'fail']);
  });

  test('owner token, compliant scenario: nobody, and one pass', async () => {
    const { result } = await collect(members2fa, compliant);
    expect(result).toEqual({ membersWithout2fa: [], count: 0 });
    const evidence = evidenceFixture(members2fa, result);
    expect(evaluateWithEvidence(githubMembers2faEnabled, { members: evidence }).map((r) => r.status)).toEqual(
      ['pass'],
    );
  });

  test('large organization: 230 members in ceil(230/100) = 3 requests', async () => {
    const { result, requests } = await collect(members2fa, large, { org: 'megacorp' });
    expect(result.count).toBe(230);
    expect(requests).toHaveLength(3);
  });

  test('member token: a forbidden ConnectorError that says an owner token is needed', async () => {
    const outcome = await run(members2fa, no2fa, { token: MEMBER });
    expect(outcome.ok).toBe(false);
    const error = outcome.ok ? undefined : (outcome.error as ConnectorError);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error?.code).toBe('forbidden');
    expect(error?.message).toContain('listing members without 2FA needs an organization owner token');
    expect(outcome.requests).toEqual([
      { method: 'GET', path: '/orgs/acme/members?filter=2fa_disabled&per_page=100', status: 422 },
    ]);
  });
});

test('githubSystem registers the connector, every collector and every check', () => {
  expect(githubSystem.connector.type).toBe('github');
  expect(githubSystem.collectors.map((collector) => collector.id)).toEqual([
    'github.org-settings',
    'github.members-2fa',
    'github.org-access',
    'github.repositories',
    'github.security-alerts',
    'github.audit-log',
  ]);
  expect(githubSystem.checks.map((check) => check.id).slice(0, 2)).toEqual([
    'github_org_2fa_required',
    'github_members_2fa_enabled',
  ]);
  expect(githubSystem.checks).toHaveLength(21);
  expect(new Set(githubSystem.checks.map((check) => check.id)).size).toBe(21);
  // Every check reads only collectors the system registers.
  for (const check of githubSystem.checks) {
    for (const input of Object.values(check.inputs)) expect(githubSystem.collectors).toContain(input);
  }
});
