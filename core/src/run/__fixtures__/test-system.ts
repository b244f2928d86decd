import { pino } from 'pino';
import { z } from 'zod';
import { ConnectorError } from '../../errors/errors.js';
import { defineCheck } from '../../sdk/check.js';
import { defineCollector } from '../../sdk/collector.js';
import { defineConnector } from '../../sdk/connector.js';
import type { Logger } from '../../sdk/logger.js';
import type { Soa, SoaControlEntry } from '../../soa/soa-model.js';
import { recordRequest } from '../provenance.js';

/**
 * A small system for tests: a "forge" connector over an in-memory world of orgs, two collectors and three
 * checks, built with the real SDK factories. Test data, not mocks: nothing of ours is replaced.
 */

export interface ForgeOrg {
  repos: { name: string; protected: boolean }[];
  members: { login: string; twoFactor: boolean }[];
  /** Request paths that fail, and how. */
  failures?: Record<string, Error>;
}

export interface ForgeConfig {
  name: string;
  type: 'forge';
  org: string;
  token: string;
}

/** The world the forge client reads; tests change it between runs. */
export const world = new Map<string, ForgeOrg>();
/** How create() behaves per org: an error to throw instead of a client. */
export const createFailures = new Map<string, Error>();

export function resetWorld(): void {
  world.clear();
  createFailures.clear();
}

export class ForgeClient {
  constructor(private readonly org: string) {}

  async get<T>(path: string, pick: (org: ForgeOrg) => T): Promise<T> {
    await new Promise((resolve) => setImmediate(resolve));
    const org = world.get(this.org);
    const failure = org?.failures?.[path];
    const status = !org
      ? 404
      : failure instanceof ConnectorError
        ? (failure.status ?? 500)
        : failure
          ? 500
          : 200;
    recordRequest({ method: 'GET', path: `/orgs/${this.org}${path}`, status });
    if (!org)
      throw new ConnectorError('not-found', `organization ${this.org} does not exist`, { status: 404 });
    if (failure) throw failure;
    return pick(org);
  }
}

export const forge = defineConnector({
  type: 'forge',
  config: z.object({ name: z.string(), type: z.literal('forge'), org: z.string(), token: z.string() }),
  secretKeys: ['token'],
  describe: (config: ForgeConfig) => `forge.test/orgs/${config.org}`,
  create: (config: ForgeConfig) => {
    const failure = createFailures.get(config.org);
    if (failure) throw failure;
    return new ForgeClient(config.org);
  },
});

export const forgeConfig = (name: string, org = name): ForgeConfig => ({
  name,
  type: 'forge',
  org,
  token: 'secret-token-value',
});

export const repos = defineCollector({
  id: 'forge.repos',
  version: '1',
  connector: forge,
  title: 'Repositories and their branch protection',
  ttl: '24h',
  controls: ['8.4'],
  schema: z.object({ repos: z.array(z.object({ name: z.string(), protected: z.boolean() })) }),
  source: (config) => `forge.test/orgs/${config.org}/repos`,
  collect: async (client) => ({ repos: await client.get('/repos', (org) => org.repos) }),
  observesAssets: (data) =>
    data.repos.length > 0 ? [{ controls: ['8.4'], reason: `${data.repos.length} repositories exist` }] : [],
});

export const members = defineCollector({
  id: 'forge.members',
  version: '1',
  connector: forge,
  title: 'Organization members and their 2FA',
  ttl: '1h',
  controls: ['8.5'],
  schema: z.object({ members: z.array(z.object({ login: z.string(), twoFactor: z.boolean() })) }),
  collect: async (client) => ({ members: await client.get('/members', (org) => org.members) }),
});

export const repoProtected = defineCheck({
  id: 'forge_repo_protected',
  title: 'Default branches are protected',
  severity: 'high',
  controls: [
    { id: '8.4', relation: 'supports', rationale: 'protected branches limit who changes source code' },
    { id: '8.32', relation: 'supports', rationale: 'changes go through review' },
  ],
  permissions: ['repo (read)'],
  inputs: { repos },
  evaluate: ({ repos: evidence }) =>
    evidence.record.data.repos.map((repo) => ({
      resource: `forge.test/${repo.name}`,
      status: repo.protected ? 'pass' : 'fail',
      message: repo.protected ? `${repo.name} is protected` : `protect the default branch of ${repo.name}`,
    })),
});

export const members2fa = defineCheck({
  id: 'forge_members_2fa',
  title: 'Every member uses 2FA',
  severity: 'critical',
  controls: [{ id: '8.5', relation: 'satisfies', rationale: '2FA is secure authentication' }],
  permissions: ['admin:org (read)'],
  inputs: { members },
  evaluate: ({ members: evidence }) => {
    const without = evidence.record.data.members.filter((member) => !member.twoFactor);
    return [
      {
        resource: evidence.record.source,
        status: without.length === 0 ? 'pass' : 'fail',
        message: without.length === 0 ? 'all members use 2FA' : `${without.length} members lack 2FA`,
      },
    ];
  },
});

/** Needs both inputs; names which one each result rests on. */
export const adminsProtect = defineCheck({
  id: 'forge_admins_protect',
  title: 'Repositories exist only where members use 2FA',
  severity: 'medium',
  controls: [{ id: '8.2', relation: 'supports', rationale: 'privileged access' }],
  permissions: [],
  inputs: { repos, members },
  evaluate: ({ repos: repoEvidence, members: memberEvidence }) => [
    {
      resource: 'repos',
      status: 'pass',
      message: `${repoEvidence.record.data.repos.length} repos`,
      inputs: ['repos'],
    },
    {
      resource: 'members',
      status: 'pass',
      message: `${memberEvidence.record.data.members.length} members`,
      inputs: ['members'],
    },
  ],
});

export const forgeCollectors = [repos, members] as const;
export const forgeChecks = [repoProtected, members2fa, adminsProtect] as const;

/** A real pino logger writing JSON lines to memory: quiet, and the lines can be inspected. */
export function memoryLogger(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { log, lines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** A parsed SoA built directly, as the SoA parser would return it. */
export function makeSoa(
  entries: (SoaControlEntry & { line?: number })[],
  problems: Soa['problems'] = [],
): Soa {
  return {
    file: 'soa.yaml',
    document: { organization: 'Acme', version: '3', controls: entries },
    controls: new Map(
      entries.map((entry, index) => [entry.id, { ...entry, line: entry.line ?? 10 + index * 5 }]),
    ),
    id: `sha256:${'ab'.repeat(32)}`,
    problems,
  };
}
