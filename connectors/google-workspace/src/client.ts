import { type ConnectorContext, ConnectorError, type Logger } from '@annexa/core';
import { admin, auth } from '@googleapis/admin';
import type { z } from 'zod';
import { type BackoffTuning, DEFAULT_BACKOFF, withBackoff } from './backoff.js';
import { GOOGLE_ADMIN_ROOT, type GoogleWorkspaceConfig } from './config.js';
import { readServiceAccountKey } from './credentials.js';
import { type FailedCall, toConnectorError } from './errors.js';
import { createRecordingFetch, GOOGLE_TOKEN_URL } from './recording-fetch.js';
import {
  activitiesPageSchema,
  roleAssignmentsPageSchema,
  rolesPageSchema,
  usersPageSchema,
  type WorkspaceActivity,
  type WorkspaceRole,
  type WorkspaceRoleAssignment,
  type WorkspaceUser,
} from './responses.js';
import { GOOGLE_WORKSPACE_SCOPES } from './scopes.js';

/** Reports API applications Annexa reads. */
export type ActivityApplication = 'login' | 'admin' | 'token';

export interface ActivityWindow {
  /** RFC 3339. */
  startTime: string;
  endTime: string;
}

/**
 * The Admin SDK as Annexa uses it: read-only, at the largest page size each API allows, backing off on quota
 * refusals. Every listing fetches a page only when the caller reaches it, so a caller that aggregates as it
 * goes holds one page at a time. Knows nothing of ISO.
 */
export interface GoogleWorkspaceClient {
  /** `users.list`, 500 a page. */
  listUsers(): AsyncIterable<WorkspaceUser>;
  /** `roles.list`, 100 a page. */
  listRoles(): AsyncIterable<WorkspaceRole>;
  /** `roleAssignments.list`, 200 a page. */
  listRoleAssignments(): AsyncIterable<WorkspaceRoleAssignment>;
  /** `activities.list` for every user, 1,000 a page. */
  listActivities(application: ActivityApplication, window: ActivityWindow): AsyncIterable<WorkspaceActivity>;
}

export const PAGE_SIZES = { users: 500, roles: 100, roleAssignments: 200, activities: 1000 } as const;

/** Fields of users.list Annexa reads: `fields=` keeps each page small. */
const USER_FIELDS =
  'nextPageToken,users(id,primaryEmail,aliases,isAdmin,isDelegatedAdmin,isEnrolledIn2Sv,isEnforcedIn2Sv,' +
  'suspended,suspensionReason,archived,lastLoginTime,creationTime,orgUnitPath)';

export interface ClientTuning {
  backoff: BackoffTuning;
}

export async function createGoogleWorkspaceClient(
  config: GoogleWorkspaceConfig,
  context: ConnectorContext,
  tuning: Partial<ClientTuning> = {},
): Promise<GoogleWorkspaceClient> {
  const log = context.log.child({ connector: config.name, system: 'google-workspace' });
  const backoff = tuning.backoff ?? DEFAULT_BACKOFF;
  const authClient = await createAuthClient(config);
  const rootUrl = config.rootUrl ?? GOOGLE_ADMIN_ROOT;
  // Retries are ours (withBackoff): gaxios' own would not wait on a 403 userRateLimitExceeded, nor record it.
  const common = {
    auth: authClient.client,
    rootUrl,
    fetchImplementation: authClient.fetch,
    retry: false,
    // A stalled connection must not hang a run: a page that takes a minute has failed.
    timeout: 60_000,
  };
  const directory = admin({ version: 'directory_v1', ...common });
  const reports = admin({ version: 'reports_v1', ...common });
  const { customer } = config;

  return {
    listUsers: () =>
      paginate(log, backoff, context.signal, usersPageSchema, (page) => ({
        call: {
          method: 'GET',
          path: `/admin/directory/v1/users?customer=${customer}&maxResults=${PAGE_SIZES.users}`,
        },
        send: () =>
          directory.users.list({
            customer,
            maxResults: PAGE_SIZES.users,
            projection: 'basic',
            fields: USER_FIELDS,
            ...(page ? { pageToken: page } : {}),
          }),
        items: (data) => data.users ?? [],
      })),
    listRoles: () =>
      paginate(log, backoff, context.signal, rolesPageSchema, (page) => ({
        call: { method: 'GET', path: `/admin/directory/v1/customer/${customer}/roles` },
        send: () =>
          directory.roles.list({
            customer,
            maxResults: PAGE_SIZES.roles,
            ...(page ? { pageToken: page } : {}),
          }),
        items: (data) => data.items ?? [],
      })),
    listRoleAssignments: () =>
      paginate(log, backoff, context.signal, roleAssignmentsPageSchema, (page) => ({
        call: { method: 'GET', path: `/admin/directory/v1/customer/${customer}/roleassignments` },
        send: () =>
          directory.roleAssignments.list({
            customer,
            maxResults: PAGE_SIZES.roleAssignments,
            ...(page ? { pageToken: page } : {}),
          }),
        items: (data) => data.items ?? [],
      })),
    listActivities: (application, window) =>
      paginate(log, backoff, context.signal, activitiesPageSchema, (page) => ({
        call: { method: 'GET', path: `/admin/reports/v1/activity/users/all/applications/${application}` },
        send: () =>
          reports.activities.list({
            userKey: 'all',
            applicationName: application,
            ...(customer === 'my_customer' ? {} : { customerId: customer }),
            startTime: window.startTime,
            endTime: window.endTime,
            maxResults: PAGE_SIZES.activities,
            ...(page ? { pageToken: page } : {}),
          }),
        items: (data) => data.items ?? [],
      })),
  };
}

interface PageRequest<Data, Item> {
  call: FailedCall;
  send(): Promise<{ data: unknown }>;
  items(data: Data): Item[];
}

/** Fetches page after page as the caller iterates; a repeated page token is a loop and stops the listing. */
async function* paginate<S extends z.ZodType, Item>(
  log: Logger,
  backoff: BackoffTuning,
  signal: AbortSignal,
  schema: S,
  request: (pageToken: string | undefined) => PageRequest<z.output<S>, Item>,
): AsyncGenerator<Item> {
  const seen = new Set<string>();
  let pageToken: string | undefined;
  do {
    const { call, send, items } = request(pageToken);
    let retried = false;
    let response: { data: unknown };
    try {
      response = await withBackoff(send, backoff, signal, (failure, delayMs, retry) => {
        retried = true;
        log.debug(
          { status: failure.status, reason: failure.reason, delayMs, retry },
          `backing off: ${call.path}`,
        );
      });
    } catch (error) {
      const mapped = toConnectorError(error, call, retried);
      log.debug({ code: mapped.code, status: mapped.status }, mapped.message);
      throw mapped;
    }
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new ConnectorError(
        'upstream',
        `Google's answer to ${call.method} ${call.path} is not what Annexa expects (${field}${issue?.message ?? 'invalid'})`,
      );
    }
    yield* items(parsed.data);
    const next = (parsed.data as { nextPageToken?: string | null }).nextPageToken ?? undefined;
    if (next !== undefined && seen.has(next)) {
      throw new ConnectorError(
        'upstream',
        `Google's pagination for ${call.method} ${call.path} loops: stopped`,
      );
    }
    if (next !== undefined) seen.add(next);
    pageToken = next;
  } while (pageToken !== undefined);
}

/** The auth client (service account with domain-wide delegation, or a bare access token) and its fetch. */
async function createAuthClient(config: GoogleWorkspaceConfig) {
  if (config.serviceAccountKeyFile !== undefined && config.subject !== undefined) {
    const key = await readServiceAccountKey(config.serviceAccountKeyFile);
    const fetchImplementation = createRecordingFetch(
      key.token_uri && key.token_uri !== GOOGLE_TOKEN_URL ? { tokenUrl: key.token_uri } : {},
    );
    const client = new auth.JWT({
      email: key.client_email,
      key: key.private_key,
      scopes: [...GOOGLE_WORKSPACE_SCOPES],
      subject: config.subject,
      transporterOptions: { fetchImplementation, retry: false },
    });
    return { client, fetch: fetchImplementation };
  }
  if (config.accessToken === undefined) {
    throw new ConnectorError(
      'auth',
      'no credentials: give serviceAccountKeyFile with subject, or accessToken',
    );
  }
  const fetchImplementation = createRecordingFetch();
  const client = new auth.OAuth2({ transporterOptions: { fetchImplementation, retry: false } });
  client.setCredentials({ access_token: config.accessToken });
  return { client, fetch: fetchImplementation };
}
