import { createHash } from 'node:crypto';
import type { InjectedFault } from '../faults.js';
import type { FakeService, ServiceRequest, ServiceResponse } from '../service.js';
import { ACCESS_TOKENS_PATH, type MintedToken, mintInstallationToken } from './apps.js';
import { errorBody, organizationBody, simpleUserBody } from './bodies.js';
import { executeGraphql } from './graphql.js';
import { paginate, readPageRequest } from './pagination.js';
import { RateLimitLedger, type RateLimitState, rateLimitHeaders } from './rate-limit.js';
import { indexRepos, routeRepoEndpoints } from './repo-routes.js';
import type { GitHubToken, GitHubWorld } from './scenario.js';

export const GITHUB_PREFIX = '/github/api/v3';
/** The fake serves REST under `/github/api/v3` and GraphQL at `/github/api/graphql`, as GHES does. */
const SERVICE_PREFIX = '/github/api';

const DOCS_GET_ORG = 'https://docs.github.com/rest/orgs/orgs#get-an-organization';
const DOCS_LIST_MEMBERS = 'https://docs.github.com/rest/orgs/members#list-organization-members';
const DOCS_RATE_LIMITS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

interface Caller {
  token: GitHubToken;
  /** A stable made-up user id for messages such as "API rate limit exceeded for user ID 7001". */
  userId: number;
}

type Routed = { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * The GitHub REST fake: `GET /orgs/{org}` and `GET /orgs/{org}/members`, with GitHub's auth, owner-only
 * fields, pagination, rate-limit headers and error bodies.
 */
export function createGitHubFake(world: GitHubWorld): FakeService {
  const ledger = new RateLimitLedger(world.rateLimit);
  const repoIndex = indexRepos(world);
  /** Responses of handle still being delivered: the secondary concurrency limit counts them. */
  const inFlight = new WeakSet<ServiceResponse>();
  let concurrent = 0;
  const members = [...world.members].sort((a, b) => a.id - b.id);
  let requestCounter = 0;

  /** Installation tokens minted from the scenario's Apps, in order; expired ones are refused. */
  const minted: MintedToken[] = [];

  const callerOf = (request: ServiceRequest, now = new Date()): Caller | undefined => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header) : null;
    const index = match ? world.tokens.findIndex((token) => token.value === match[1]) : -1;
    const token = world.tokens[index];
    if (token) return { token, userId: 7001 + index };
    const installation = match ? minted.findIndex((candidate) => candidate.value === match[1]) : -1;
    const live = minted[installation];
    return live && live.expiresAt > now.getTime() / 1000
      ? { token: live, userId: 9001 + installation }
      : undefined;
  };

  const requestId = (): string => {
    requestCounter++;
    const hex = (value: number, width: number) =>
      (value >>> 0).toString(16).toUpperCase().padStart(width, '0').slice(-width);
    return `${hex(0xc0de, 4)}:${hex(requestCounter * 7919, 4)}:${hex(requestCounter, 6)}:${hex(requestCounter * 104_729, 7)}:${hex(Math.floor(Date.now() / 1000), 8)}`;
  };

  const respond = (
    status: number,
    body: unknown,
    rateLimit: RateLimitState,
    caller: Caller | undefined,
    id: string,
    extra: Record<string, string> = {},
  ): ServiceResponse => ({
    status,
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': id,
      ...rateLimitHeaders(rateLimit),
      ...(caller?.token.scopes ? { 'x-oauth-scopes': caller.token.scopes.join(', ') } : {}),
      ...extra,
    },
  });

  const route = (request: ServiceRequest, caller: Caller): Routed => {
    const segments = request.path.split('/').slice(1).map(safeDecode);
    const repoRoute = routeRepoEndpoints(request, caller.token.role === 'owner', world, repoIndex, segments);
    if (repoRoute) return repoRoute;
    const [first, orgLogin, third, ...rest] = segments;
    if (first !== 'orgs' || orgLogin === undefined || rest.length > 0) {
      return { status: 404, body: errorBody(404, 'Not Found') };
    }
    const org = world.org.login.toLowerCase() === orgLogin.toLowerCase() ? world.org : undefined;
    if (third === undefined) {
      if (!org) return { status: 404, body: errorBody(404, 'Not Found', DOCS_GET_ORG) };
      return { status: 200, body: organizationBody(org, request.baseUrl, caller.token.role === 'owner') };
    }
    if (third !== 'members') return { status: 404, body: errorBody(404, 'Not Found') };
    if (!org) return { status: 404, body: errorBody(404, 'Not Found', DOCS_LIST_MEMBERS) };

    const filter = request.query.get('filter') ?? 'all';
    const role = request.query.get('role') ?? 'all';
    const invalid = [
      ...(['all', '2fa_disabled', '2fa_insecure'].includes(filter) ? [] : ['filter']),
      ...(['all', 'admin', 'member'].includes(role) ? [] : ['role']),
    ];
    if (invalid.length > 0) {
      const errors = invalid.map((field) => ({ resource: 'Member', field, code: 'invalid' }));
      return { status: 422, body: { ...errorBody(422, 'Validation Failed', DOCS_LIST_MEMBERS), errors } };
    }
    // Assumption (GitHub documents only that these filters are "only available for organization owners"):
    // a non-owner gets 422 "Only owners can use this filter.", as public tools that call the API report.
    if (filter !== 'all' && caller.token.role !== 'owner') {
      return { status: 422, body: errorBody(422, 'Only owners can use this filter.', DOCS_LIST_MEMBERS) };
    }
    const selected = members.filter(
      (member) =>
        (role === 'all' || member.role === role) &&
        // The scenario has no notion of SMS-only 2FA, so `2fa_insecure` finds nobody.
        (filter === 'all' || (filter === '2fa_disabled' && !member.twoFactor)),
    );
    const { page, link } = paginate(selected, readPageRequest(request.query), request.url);
    return {
      status: 200,
      body: page.map((member) => simpleUserBody(member, request.baseUrl)),
      ...(link ? { headers: { link } } : {}),
    };
  };

  /** The answer to an authenticated request within the concurrency limit. */
  const answerFor = (
    request: ServiceRequest,
    caller: Caller,
    isGraphql: boolean,
    now: Date,
    id: string,
  ): ServiceResponse => {
    // GraphQL has its own budget (points; Annexa's query costs 1), as on GitHub.
    const resource = isGraphql ? 'graphql' : 'core';
    const key = `${caller.token.value}\n${resource}`;
    if (ledger.isExhausted(key, now)) {
      const state = ledger.peek(key, now, resource);
      return respond(403, primaryLimitBody(403, caller, id, now), state, caller, id);
    }
    const routed = isGraphql
      ? request.method === 'POST'
        ? executeGraphql(request.body, caller.token.role === 'owner', world, repoIndex)
        : { status: 404, body: errorBody(404, 'Not Found') }
      : route(request, caller);
    const etag = routed.status === 200 && !isGraphql ? weakEtag(routed.body) : undefined;
    // A conditional request that matches costs no quota, as on GitHub.
    if (etag && request.headers['if-none-match'] === etag) {
      return respond(304, undefined, ledger.peek(key, now, resource), caller, id, { etag });
    }
    const extra = { ...routed.headers, ...(etag ? { etag } : {}) };
    return respond(routed.status, routed.body, ledger.consume(key, now, resource), caller, id, extra);
  };

  return {
    name: 'github',
    prefix: SERVICE_PREFIX,

    // GraphQL queries, and the one REST POST Annexa sends: minting an App's installation token.
    acceptsPost: (path) => path === '/graphql' || ACCESS_TOKENS_PATH.test(path.replace(/^\/v3/, '')),

    handle(fullRequest) {
      const now = new Date();
      const id = requestId();
      const isGraphql = fullRequest.path === '/graphql';
      const request = isGraphql ? fullRequest : toRest(fullRequest);
      const installation = ACCESS_TOKENS_PATH.exec(request.path)?.[1];
      if (installation !== undefined && !isGraphql) {
        if (request.method !== 'POST') {
          return respond(404, errorBody(404, 'Not Found'), ledger.peek(undefined, now), undefined, id);
        }
        const header = request.headers.authorization;
        const answer = mintInstallationToken(
          world.apps,
          typeof header === 'string' ? header : undefined,
          Number(installation),
          now,
        );
        if (answer.minted) minted.push(answer.minted);
        return respond(answer.status, answer.body, ledger.peek(undefined, now), undefined, id);
      }
      const caller = callerOf(request, now);
      if (!caller) {
        return respond(401, errorBody(401, 'Bad credentials'), ledger.consume(undefined, now), undefined, id);
      }
      const { maxConcurrent } = world.rateLimit;
      if (maxConcurrent !== undefined && concurrent >= maxConcurrent) {
        // GitHub's secondary limit on concurrent requests: 403, its message, and how long to wait.
        const body = errorBody(
          403,
          `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${id}.`,
          `${DOCS_RATE_LIMITS}#about-secondary-rate-limits`,
        );
        return respond(403, body, ledger.peek(`${caller.token.value}\ncore`, now), caller, id, {
          'retry-after': String(world.rateLimit.retryAfterSeconds),
        });
      }
      concurrent++;
      const answer = answerFor(request, caller, isGraphql, now, id);
      inFlight.add(answer);
      return answer;
    },

    settled(response) {
      if (inFlight.delete(response)) concurrent--;
    },

    fault(fullRequest, fault: InjectedFault) {
      const request = fullRequest.path === '/graphql' ? fullRequest : toRest(fullRequest);
      const now = new Date();
      const id = requestId();
      const caller = callerOf(request);
      const key = caller?.token.value;
      if (fault.kind === 'server-error') {
        const message =
          fault.status === 500
            ? 'Server Error'
            : fault.status === 502
              ? 'Bad Gateway'
              : 'Service Unavailable';
        return respond(fault.status, { message }, ledger.consume(key, now), caller, id);
      }
      const status = fault.fault.status ?? 403;
      if (fault.fault.kind === 'secondary') {
        const body = errorBody(
          status,
          `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${id}.`,
          `${DOCS_RATE_LIMITS}#about-secondary-rate-limits`,
        );
        return respond(status, body, ledger.consume(key, now), caller, id, {
          'retry-after': String(fault.fault.retryAfterSeconds),
        });
      }
      const state = ledger.peek(key, now);
      const exhausted: RateLimitState = {
        ...state,
        remaining: 0,
        used: state.limit,
        reset: Math.floor(now.getTime() / 1000) + fault.fault.retryAfterSeconds,
      };
      const body = caller
        ? primaryLimitBody(status, caller, id, now)
        : errorBody(status, 'API rate limit exceeded.');
      return respond(status, body, exhausted, caller, id);
    },
  };
}

function primaryLimitBody(status: number, caller: Caller, id: string, now: Date): Record<string, unknown> {
  return errorBody(
    status,
    `API rate limit exceeded for user ID ${caller.userId}. If you reach out to GitHub Support for help, please include the request ID ${id} and timestamp ${now
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC')}.`,
    `${DOCS_RATE_LIMITS}#about-the-primary-rate-limit`,
  );
}

/** The request as the REST routes see it: path and base URL below `/v3`. */
function toRest(request: ServiceRequest): ServiceRequest {
  // A caller that already speaks REST-relative paths (tests calling handle directly) is left as it is.
  if (request.path !== '/v3' && !request.path.startsWith('/v3/')) return request;
  return { ...request, path: request.path.slice('/v3'.length) || '/', baseUrl: `${request.baseUrl}/v3` };
}

const etags = new WeakMap<object, string>();

function weakEtag(body: unknown): string {
  // Bodies of cached pages are the same object each time: hash them once.
  if (typeof body === 'object' && body !== null) {
    const known = etags.get(body);
    if (known) return known;
    const etag = `W/"${createHash('sha256').update(JSON.stringify(body)).digest('hex')}"`;
    etags.set(body, etag);
    return etag;
  }
  return `W/"${createHash('sha256').update(JSON.stringify(body)).digest('hex')}"`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
