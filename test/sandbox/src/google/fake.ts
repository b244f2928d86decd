import type { InjectedFault } from '../faults.js';
import type { FakeService, ServiceRequest, ServiceResponse } from '../service.js';
import { googleError, NOT_AUTHORIZED, UNAUTHENTICATED } from './bodies.js';
import { activityBody, generatedActivity, generatedUser, userBody, userId } from './generate.js';
import { pageToken, readMaxResults, readPageToken } from './paging.js';
import type { GoogleWorld } from './scenario.js';

/**
 * The Admin SDK's paths start with `/admin/` and googleapis keeps only scheme, host and port of `rootUrl`, so the
 * Google fake is mounted at `/admin`: `/admin/directory/v1/…` and `/admin/reports/v1/…`.
 */
export const GOOGLE_PREFIX = '/admin';

const DAY_MS = 86_400_000;
const APPLICATIONS = new Set(['login', 'admin', 'token']);

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * The Google Workspace fake: Directory `users.list`, `roles.list`, `roleAssignments.list` and Reports
 * `activities.list` (login, admin, token), with Google's auth errors, page tokens, page-size limits and quota
 * refusals. Generated users and events are made up page by page, so a million events cost no memory.
 */
export function createGoogleFake(world: GoogleWorld): FakeService {
  const startedAt = Date.now();
  const generatedUsers = world.generate?.users ?? 0;
  const totalUsers = world.users.length + generatedUsers;
  const userAt = (index: number) => {
    const spec = index < world.users.length ? world.users[index] : undefined;
    return spec
      ? userBody(spec, userId(index), world, startedAt)
      : userBody(generatedUser(world, index - world.users.length), userId(index), world, startedAt);
  };
  const superRole = world.roles.find((role) => role.isSuperAdminRole);
  const assignments = world.users.flatMap((user, index) => {
    const role =
      user.admin === 'super' ? superRole : world.roles.find((candidate) => candidate.roleName === user.role);
    if (user.admin === 'none' || !role) return [];
    return [
      {
        kind: 'admin#directory#roleAssignment',
        roleAssignmentId: `9${String(index).padStart(8, '0')}`,
        roleId: role.roleId,
        assignedTo: userId(index),
        assigneeType: 'user',
        scopeType: 'CUSTOMER',
      },
    ];
  });

  const isCustomer = (value: string | null | undefined) =>
    value === 'my_customer' || value === world.customerId;

  const route = (request: ServiceRequest): Answer => {
    const segments = request.path.split('/').slice(1).map(decodeURIComponent);
    const query = request.query;
    const [api, version, ...rest] = segments;
    if (api === 'directory' && version === 'v1') {
      if (rest.length === 1 && rest[0] === 'users') {
        if (!isCustomer(query.get('customer')) && query.get('domain') !== world.domain) {
          return { status: 400, body: googleError(400, 'Bad Request', 'badRequest') };
        }
        return page(query, 100, 500, totalUsers, userAt, 'admin#directory#users', 'users');
      }
      if (rest.length === 3 && rest[0] === 'customer') {
        if (!isCustomer(rest[1]))
          return { status: 404, body: googleError(404, 'Resource Not Found: customer', 'notFound') };
        if (rest[2] === 'roles') {
          return page(
            query,
            100,
            100,
            world.roles.length,
            (i) => roleBody(world.roles[i]),
            'admin#directory#roles',
            'items',
          );
        }
        if (rest[2] === 'roleassignments') {
          return page(
            query,
            100,
            200,
            assignments.length,
            (i) => assignments[i],
            'admin#directory#roleAssignments',
            'items',
          );
        }
      }
    }
    if (
      api === 'reports' &&
      version === 'v1' &&
      rest[0] === 'activity' &&
      rest[1] === 'users' &&
      rest[3] === 'applications'
    ) {
      const application = rest[4] ?? '';
      if (rest.length !== 5 || !APPLICATIONS.has(application)) {
        return { status: 400, body: googleError(400, `Invalid value '${application}'`, 'invalid') };
      }
      return activities(query, application as 'login' | 'admin' | 'token');
    }
    return { status: 404, body: googleError(404, 'Not Found', 'notFound') };
  };

  const activities = (query: URLSearchParams, application: 'login' | 'admin' | 'token'): Answer => {
    const end = query.get('endTime') ? Date.parse(query.get('endTime') ?? '') : Date.now();
    const start = query.get('startTime') ? Date.parse(query.get('startTime') ?? '') : end - 180 * DAY_MS;
    if (Number.isNaN(end) || Number.isNaN(start) || start > end) {
      return { status: 400, body: googleError(400, 'Bad Request: startTime/endTime', 'invalid') };
    }
    const listed = [...world.activities[application]]
      .map((spec, index) => ({ spec, index }))
      .filter(({ spec }) => end - spec.hoursAgo * 3_600_000 >= start)
      .sort((a, b) => a.spec.hoursAgo - b.spec.hoursAgo);
    const generated =
      application === 'login'
        ? (world.generate?.loginEvents ?? 0)
        : application === 'admin'
          ? (world.generate?.adminEvents ?? 0)
          : 0;
    const itemAt = (i: number) => {
      const entry = listed[i];
      return entry
        ? activityBody(application, entry.spec, world, end, entry.index + 1)
        : generatedActivity(
            application as 'login' | 'admin',
            world,
            i - listed.length,
            generated,
            start,
            end,
          );
    };
    return page(query, 1000, 1000, listed.length + generated, itemAt, 'admin#reports#activities', 'items');
  };

  return {
    name: 'google',
    prefix: GOOGLE_PREFIX,
    handle(request) {
      const caller = callerOf(world, request);
      if (!caller)
        return json({
          status: 401,
          body: UNAUTHENTICATED,
          headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
        });
      if (caller.role !== 'admin') return json({ status: 403, body: NOT_AUTHORIZED });
      return json(route(request));
    },
    fault(_request, fault: InjectedFault) {
      if (fault.kind === 'server-error') {
        const body =
          fault.status === 503
            ? googleError(503, 'The service is currently unavailable.', 'backendError', 'UNAVAILABLE')
            : googleError(fault.status, 'Internal error encountered.', 'backendError', 'INTERNAL');
        return json({ status: fault.status, body });
      }
      const status = fault.fault.status ?? 403;
      const headers =
        fault.fault.retryAfterSeconds > 0
          ? { 'retry-after': String(fault.fault.retryAfterSeconds) }
          : undefined;
      const body =
        status === 429
          ? googleError(
              429,
              "Quota exceeded for quota metric 'Queries'.",
              'rateLimitExceeded',
              'RESOURCE_EXHAUSTED',
            )
          : googleError(
              403,
              "Quota exceeded for quota metric 'Queries per minute per user'.",
              'userRateLimitExceeded',
            );
      return json({ status, body, ...(headers ? { headers } : {}) });
    },
  };
}

function page(
  query: URLSearchParams,
  fallback: number,
  maximum: number,
  total: number,
  itemAt: (index: number) => unknown,
  kind: string,
  key: string,
): Answer {
  const size = readMaxResults(query.get('maxResults'), fallback, maximum);
  if (size === undefined)
    return { status: 400, body: googleError(400, 'Invalid value for maxResults', 'invalid') };
  const offset = readPageToken(query.get('pageToken'));
  if (offset === undefined || offset > total) {
    return { status: 400, body: googleError(400, 'Invalid page token', 'invalid') };
  }
  const items: unknown[] = [];
  for (let i = offset; i < Math.min(total, offset + size); i++) items.push(itemAt(i));
  const next = offset + size < total ? pageToken(offset + size) : undefined;
  return {
    status: 200,
    body: {
      kind,
      etag: `"${offset}-${total}"`,
      ...(items.length > 0 ? { [key]: items } : {}),
      ...(next ? { nextPageToken: next } : {}),
    },
  };
}

function roleBody(role: GoogleWorld['roles'][number] | undefined): unknown {
  if (!role) return undefined;
  return {
    kind: 'admin#directory#role',
    roleId: role.roleId,
    roleName: role.roleName,
    isSuperAdminRole: role.isSuperAdminRole,
    isSystemRole: role.isSystemRole,
    rolePrivileges: [],
  };
}

function callerOf(world: GoogleWorld, request: ServiceRequest) {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? world.tokens.find((token) => token.value === match[1]) : undefined;
}

function json(answer: Answer): ServiceResponse {
  return {
    status: answer.status,
    body: answer.body,
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      vary: 'Origin, X-Origin, Referer',
      ...answer.headers,
    },
  };
}
