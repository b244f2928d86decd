import { AsyncResource } from 'node:async_hooks';
import { type ConnectorContext, ConnectorError } from '@annexa/core';
import { z } from 'zod';
import { InstallationTokens } from './app-auth.js';
import { GITHUB_API, type GitHubConfig } from './config.js';
import {
  classicFromRest,
  DEFAULT_BRANCH_QUERY,
  type DefaultBranchFacts,
  defaultBranchPageSchema,
  factsFromGraphql,
  rulesetFacts,
} from './default-branch.js';
import { type FailedCall, toConnectorError } from './errors.js';
import { EtagCache } from './etag-cache.js';
import { parseLinkHeader } from './link-header.js';
import { createOctokit, DEFAULT_TUNING, type OctokitTuning } from './octokit.js';
import { RateLimitGate } from './rate-gate.js';
import { createRecordingFetch, graphqlEndpoint, relativePath } from './recording-fetch.js';
import {
  auditLogEventSchema,
  branchProtectionSchema,
  branchRuleSchema,
  codeownersErrorsSchema,
  codeScanningAlertSchema,
  dependabotAlertSchema,
  type GitHubMember,
  type GitHubOrganization,
  type GitHubRepositoryBody,
  memberSchema,
  organizationSchema,
  repositorySchema,
  secretScanningAlertSchema,
} from './responses.js';

export interface ListMembersOptions {
  /** `2fa_disabled` and `2fa_insecure` are for organization owners only. */
  filter?: 'all' | '2fa_disabled' | '2fa_insecure';
  role?: 'all' | 'admin' | 'member';
}

export type AlertKind = 'dependabot' | 'code-scanning' | 'secret-scanning';
export type DependabotAlert = z.output<typeof dependabotAlertSchema>;
export type CodeScanningAlert = z.output<typeof codeScanningAlertSchema>;
export type SecretScanningAlert = z.output<typeof secretScanningAlertSchema>;

export type RepositoryRefs = readonly { name: string; defaultBranch: string | null }[];

export interface DefaultBranchReport {
  via: 'graphql' | 'rest';
  /** Why REST was used although GraphQL was allowed (e.g. the server's schema has no rulesets). */
  fallbackReason: string | null;
  repositories: DefaultBranchFacts[];
}

/** The GitHub API as Annexa uses it: read-only, paginated at 100, rate-limit aware. Knows nothing of ISO. */
export interface GitHubClient {
  /** `GET /orgs/{org}`. Owner-only fields the token cannot see are null. */
  getOrganization(org: string): Promise<GitHubOrganization>;
  /** `GET /orgs/{org}/members`, 100 a page; each page is fetched when the caller reaches it. */
  listMembers(org: string, options?: ListMembersOptions): AsyncIterable<GitHubMember>;
  /** `GET /orgs/{org}/outside_collaborators`. */
  listOutsideCollaborators(org: string): AsyncIterable<GitHubMember>;
  /** `GET /orgs/{org}/repos?type=all`, with `security_and_analysis` when the token may see it. */
  listRepositories(org: string): AsyncIterable<GitHubRepositoryBody>;
  /**
   * Default-branch protection (classic and rulesets), CODEOWNERS and Dependabot alerts of the repositories.
   * GraphQL reads every repository of the organisation (⌈R/100⌉ queries); REST reads only `repositories`.
   */
  readDefaultBranches(
    org: string,
    /** A promise is awaited only if REST is used, so GraphQL can start while the caller still lists. */
    repositories: RepositoryRefs | Promise<RepositoryRefs>,
  ): Promise<DefaultBranchReport>;
  /** Open alerts at organisation level; critical and high only for Dependabot and code scanning. */
  listOpenAlerts(org: string, kind: 'dependabot'): AsyncIterable<DependabotAlert>;
  listOpenAlerts(org: string, kind: 'code-scanning'): AsyncIterable<CodeScanningAlert>;
  listOpenAlerts(org: string, kind: 'secret-scanning'): AsyncIterable<SecretScanningAlert>;
  /** The newest page (≤100) of the organisation audit log since `since` (GitHub Enterprise Cloud only). */
  readAuditLog(org: string, since: string): Promise<{ events: number; newest: number | null }>;
}

export const OWNER_FILTER_HINT =
  'listing members without 2FA needs an organization owner token (admin:org / read:org)';

const PER_PAGE = 100;
/** Repositories read at once over REST: the throttling plugin caps requests in flight at 10 as well. */
const REST_FAN_OUT = 8;

export function createGitHubClient(
  config: GitHubConfig,
  context: ConnectorContext,
  tuning: Partial<OctokitTuning> = {},
): GitHubClient {
  const baseUrl = (config.baseUrl ?? GITHUB_API).replace(/\/+$/, '');
  const apiRoot = new URL(baseUrl);
  const graphqlUrl = graphqlEndpoint(baseUrl);
  const log = context.log.child({ connector: config.name, system: 'github' });
  const settings = { ...DEFAULT_TUNING, ...tuning };
  if (config.token === undefined && config.app === undefined) {
    throw new ConnectorError('auth', `GitHub instance ${config.name} has neither token nor app`);
  }
  const installation = config.app
    ? new InstallationTokens({ app: config.app, baseUrl, log, signal: context.signal })
    : undefined;
  const { request, graphql } = createOctokit({
    token: installation ? () => installation.token() : (config.token ?? ''),
    baseUrl,
    instance: config.name,
    log,
    tuning: settings,
  });
  const gate = new RateLimitGate({ log, maxWaitSeconds: settings.maxRateLimitWaitSeconds });
  // An App's tokens change every hour but see the same: its cache is keyed by the installation.
  const cacheIdentity = config.app
    ? `app:${config.app.appId}:installation:${config.app.installationId}`
    : (config.token ?? '');
  const cache = config.cacheDir ? new EtagCache(config.cacheDir, cacheIdentity) : undefined;
  const recordingFetch = createRecordingFetch(baseUrl, { graphqlUrl, gate, ...(cache ? { cache } : {}) });

  /**
   * Per-call request options. The fetch is bound to the caller's async context so that provenance lands with
   * the collector that asked, even when the rate limiter starts the request from another request's callback.
   */
  const requestOptions = () => ({ fetch: AsyncResource.bind(recordingFetch), signal: context.signal });

  async function send<T>(call: FailedCall, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const mapped = toConnectorError(error, call);
      log.debug({ code: mapped.code, status: mapped.status }, mapped.message);
      throw mapped;
    }
  }

  async function* paginate<T extends z.ZodType>(
    path: string,
    itemSchema: T,
    forbiddenHint?: string,
  ): AsyncGenerator<z.output<T>> {
    const perCall = requestOptions();
    let url: string | undefined = `${baseUrl}${path}`;
    const visited = new Set<string>();
    while (url) {
      const call: FailedCall = {
        method: 'GET',
        path: relativePath(new URL(url), apiRoot),
        ...(forbiddenHint ? { forbiddenHint } : {}),
      };
      visited.add(url);
      const pageUrl: string = url;
      // The page body is read here, not by Octokit: its BigInt-safe JSON parser costs ~15 ms on a 100-repository
      // page (~500 kB), time every page of a chain waits for; Annexa reads no number beyond 2^53.
      const { data, headers } = await send(call, async () => {
        const response = await request({
          method: 'GET',
          url: pageUrl,
          request: { ...perCall, parseSuccessResponseBody: false },
        });
        return { data: await readJson(response.data), headers: response.headers };
      });
      yield* parse(z.array(itemSchema), data, call);
      url = nextPage(headers.link, apiRoot, visited, call);
    }
  }

  /** A single GET whose 404 (and, when told, 403) is an answer rather than a failure. */
  async function getOptional<T extends z.ZodType>(
    path: string,
    schema: T,
  ): Promise<{ status: number; data: z.output<T> | null; message: string | null }> {
    const call: FailedCall = { method: 'GET', path };
    try {
      const response = await request({ method: 'GET', url: `${baseUrl}${path}`, request: requestOptions() });
      if (response.status === 204) return { status: 204, data: null, message: null };
      return { status: response.status, data: parse(schema, response.data, call), message: null };
    } catch (error) {
      const mapped = toConnectorError(error, call);
      if (mapped.status === 404 || mapped.status === 403) {
        return { status: mapped.status, data: null, message: mapped.message };
      }
      throw mapped;
    }
  }

  const org = (login: string) => encodeURIComponent(login);

  /** GraphQL queries go one at a time per instance (GitHub's secondary limits weigh them heavily). */
  let graphqlTail: Promise<unknown> = Promise.resolve();
  function oneGraphqlAtATime<T>(fn: () => Promise<T>): Promise<T> {
    const run = graphqlTail.then(fn);
    graphqlTail = run.catch(() => {});
    return run;
  }

  async function viaGraphql(login: string): Promise<DefaultBranchFacts[]> {
    const facts: DefaultBranchFacts[] = [];
    let after: string | null = null;
    do {
      const call: FailedCall = { method: 'POST', path: `graphql repositories of ${login}` };
      const data = await send(call, () =>
        oneGraphqlAtATime(() =>
          graphql<unknown>(DEFAULT_BRANCH_QUERY, { org: login, after, request: requestOptions() }),
        ),
      );
      const page = parse(defaultBranchPageSchema, data, call);
      if (!page.organization) {
        throw new ConnectorError('not-found', `GitHub's GraphQL API knows no organization ${login}`);
      }
      facts.push(...page.organization.repositories.nodes.map(factsFromGraphql));
      const { hasNextPage, endCursor } = page.organization.repositories.pageInfo;
      after = hasNextPage ? endCursor : null;
    } while (after !== null);
    return facts;
  }

  async function viaRest(
    login: string,
    repositories: readonly { name: string; defaultBranch: string | null }[],
  ): Promise<DefaultBranchFacts[]> {
    const out: DefaultBranchFacts[] = new Array(repositories.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < repositories.length; index = next++) {
        const repository = repositories[index];
        if (repository) out[index] = await restFacts(login, repository.name, repository.defaultBranch);
      }
    };
    await Promise.all(Array.from({ length: Math.min(REST_FAN_OUT, repositories.length) }, worker));
    return out;
  }

  async function restFacts(login: string, name: string, branch: string | null): Promise<DefaultBranchFacts> {
    const repo = `/repos/${org(login)}/${encodeURIComponent(name)}`;
    const codeowners = await getOptional(`${repo}/codeowners/errors`, codeownersErrorsSchema);
    const alerts = await getOptional(`${repo}/vulnerability-alerts`, z.unknown());
    const base = {
      name,
      defaultBranch: branch,
      // 404 means no CODEOWNERS file in any place GitHub looks.
      codeownersPath: codeowners.data ? 'CODEOWNERS' : null,
      codeownersErrors: codeowners.data ? codeowners.data.errors.length : null,
      dependabotAlerts: alerts.status === 204 ? true : alerts.status === 404 ? false : null,
    };
    if (branch === null) {
      return { ...base, classic: null, rulesets: rulesetFacts([]) };
    }
    const branchPath = `${repo}/branches/${encodeURIComponent(branch)}`;
    const protection = await getOptional(`${branchPath}/protection`, branchProtectionSchema);
    const rules: z.output<typeof branchRuleSchema>[] = [];
    try {
      for await (const rule of paginate(
        `${repo}/rules/branches/${encodeURIComponent(branch)}?per_page=${PER_PAGE}`,
        branchRuleSchema,
      )) {
        rules.push(rule);
      }
    } catch (error) {
      // A GHES release without rulesets has no such endpoint: no rulesets, not a failure.
      if (!(error instanceof ConnectorError && error.code === 'not-found')) throw error;
    }
    // 404 "Branch not protected" is an answer; any other 404/403 means the token may not see it.
    const classic = protection.data
      ? classicFromRest(protection.data)
      : protection.status === 404 && /Branch not protected/i.test(protection.message ?? '')
        ? null
        : 'not-visible';
    return { ...base, classic, rulesets: rulesetFacts(rules) };
  }

  const alertPaths: Record<AlertKind, { path: string; schema: z.ZodType }> = {
    dependabot: {
      path: 'dependabot/alerts?state=open&severity=critical,high',
      schema: dependabotAlertSchema,
    },
    'code-scanning': {
      path: 'code-scanning/alerts?state=open&severity=critical,high',
      schema: codeScanningAlertSchema,
    },
    'secret-scanning': {
      path: 'secret-scanning/alerts?state=open&hide_secret=true',
      schema: secretScanningAlertSchema,
    },
  };

  return {
    async getOrganization(login) {
      const call: FailedCall = { method: 'GET', path: `/orgs/${org(login)}` };
      const response = await send(call, () =>
        request('GET /orgs/{org}', { org: login, request: requestOptions() }),
      );
      return parse(organizationSchema, response.data, call);
    },

    listMembers(login, options = {}) {
      const query = new URLSearchParams({
        ...(options.filter ? { filter: options.filter } : {}),
        ...(options.role ? { role: options.role } : {}),
        per_page: String(PER_PAGE),
      });
      const hint = options.filter && options.filter !== 'all' ? OWNER_FILTER_HINT : undefined;
      return paginate(`/orgs/${org(login)}/members?${query}`, memberSchema, hint);
    },

    listOutsideCollaborators(login) {
      return paginate(
        `/orgs/${org(login)}/outside_collaborators?per_page=${PER_PAGE}`,
        memberSchema,
        'listing outside collaborators needs an organization owner token (read:org; fine-grained: Members read)',
      );
    },

    listRepositories(login) {
      return paginate(`/orgs/${org(login)}/repos?type=all&per_page=${PER_PAGE}`, repositorySchema);
    },

    async readDefaultBranches(login, repositories) {
      const api = config.api ?? 'auto';
      if (api === 'rest') {
        return { via: 'rest', fallbackReason: null, repositories: await viaRest(login, await repositories) };
      }
      try {
        return { via: 'graphql', fallbackReason: null, repositories: await viaGraphql(login) };
      } catch (error) {
        if (api === 'graphql' || !(error instanceof ConnectorError) || !canFallBack(error)) throw error;
        log.info({ reason: error.message }, 'GitHub GraphQL unusable here: reading protection over REST');
        return {
          via: 'rest',
          fallbackReason: error.message,
          repositories: await viaRest(login, await repositories),
        };
      }
    },

    listOpenAlerts(login: string, kind: AlertKind) {
      const { path, schema } = alertPaths[kind];
      return paginate(`/orgs/${org(login)}/${path}&per_page=${PER_PAGE}`, schema);
    },

    async readAuditLog(login, since) {
      const query = new URLSearchParams({ phrase: `created:>=${since}`, per_page: String(PER_PAGE) });
      const path = `/orgs/${org(login)}/audit-log?${query}`;
      const call: FailedCall = {
        method: 'GET',
        path,
        forbiddenHint: 'reading the audit log needs an organization owner token with read:audit_log',
      };
      const response = await send(call, () =>
        request({ method: 'GET', url: `${baseUrl}${path}`, request: requestOptions() }),
      );
      const events = parse(z.array(auditLogEventSchema), response.data, call);
      const stamps = events.map((event) => event['@timestamp']).filter((stamp) => stamp !== undefined);
      return { events: events.length, newest: stamps.length > 0 ? Math.max(...stamps) : null };
    },
  } as GitHubClient;
}

/** GraphQL that is missing (404), or whose schema lacks a field the query needs (older GHES), means REST. */
function canFallBack(error: ConnectorError): boolean {
  return (
    error.status === 404 || error.code === 'invalid-request' || /doesn't exist on type/i.test(error.message)
  );
}

/**
 * The `rel="next"` URL, if any. It must stay on the API's origin and path (it is sent with the token) and must
 * not repeat (a looping server would never end the listing).
 */
function nextPage(
  link: string | undefined,
  apiRoot: URL,
  visited: Set<string>,
  call: FailedCall,
): string | undefined {
  const next = parseLinkHeader(link).get('next');
  if (next === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(next, apiRoot);
  } catch {
    throw new ConnectorError(
      'upstream',
      `GitHub sent an unreadable next-page link for ${call.method} ${call.path}`,
    );
  }
  const rootPath = apiRoot.pathname.replace(/\/+$/, '');
  if (url.origin !== apiRoot.origin || !url.pathname.startsWith(`${rootPath}/`)) {
    throw new ConnectorError(
      'upstream',
      `GitHub's next-page link for ${call.method} ${call.path} leaves ${apiRoot.origin}${rootPath}: not followed`,
    );
  }
  if (visited.has(url.href)) {
    throw new ConnectorError(
      'upstream',
      `GitHub's pagination for ${call.method} ${call.path} loops: stopped`,
    );
  }
  return url.href;
}

/**
 * The body of a success that Octokit left unread (`parseSuccessResponseBody: false`), as JSON; a body that is
 * not JSON stays text, as Octokit would leave it, so the schema check reports it.
 */
async function readJson(body: unknown): Promise<unknown> {
  const text = await new Response(body as ReadableStream<Uint8Array> | null).text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function parse<T extends z.ZodType>(schema: T, data: unknown, call: FailedCall): z.output<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ConnectorError(
    'upstream',
    `GitHub's answer to ${call.method} ${call.path} is not what Annexa expects (${field}${issue?.message ?? 'invalid'})`,
  );
}
