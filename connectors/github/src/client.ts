import { AsyncResource } from 'node:async_hooks';
import { type ConnectorContext, ConnectorError } from '@annexa/core';
import type { z } from 'zod';
import { GITHUB_API, type GitHubConfig } from './config.js';
import { type FailedCall, toConnectorError } from './errors.js';
import { parseLinkHeader } from './link-header.js';
import { createOctokit, DEFAULT_TUNING, type OctokitTuning } from './octokit.js';
import { createRecordingFetch, relativePath } from './recording-fetch.js';
import { type GitHubMember, type GitHubOrganization, memberSchema, organizationSchema } from './responses.js';

export interface ListMembersOptions {
  /** `2fa_disabled` and `2fa_insecure` are for organization owners only. */
  filter?: 'all' | '2fa_disabled' | '2fa_insecure';
  role?: 'all' | 'admin' | 'member';
}

/** The GitHub API as Annexa uses it: read-only, paginated at 100, rate-limit aware. Knows nothing of ISO. */
export interface GitHubClient {
  /** `GET /orgs/{org}`. Owner-only fields the token cannot see are null. */
  getOrganization(org: string): Promise<GitHubOrganization>;
  /** `GET /orgs/{org}/members`, 100 a page; each page is fetched when the caller reaches it. */
  listMembers(org: string, options?: ListMembersOptions): AsyncIterable<GitHubMember>;
}

export const OWNER_FILTER_HINT =
  'listing members without 2FA needs an organization owner token (admin:org / read:org)';

const PER_PAGE = 100;

export function createGitHubClient(
  config: GitHubConfig,
  context: ConnectorContext,
  tuning: Partial<OctokitTuning> = {},
): GitHubClient {
  const baseUrl = (config.baseUrl ?? GITHUB_API).replace(/\/+$/, '');
  const apiRoot = new URL(baseUrl);
  const log = context.log.child({ connector: config.name, system: 'github' });
  const request = createOctokit({
    token: config.token,
    baseUrl,
    instance: config.name,
    log,
    tuning: { ...DEFAULT_TUNING, ...tuning },
  });
  const recordingFetch = createRecordingFetch(baseUrl);

  /**
   * Per-call request options. The fetch is bound to the caller's async context so that provenance lands with
   * the collector that asked, even when the rate limiter starts the request from another request's callback.
   */
  const requestOptions = () => ({ fetch: AsyncResource.bind(recordingFetch), signal: context.signal });

  return {
    async getOrganization(org) {
      const call: FailedCall = { method: 'GET', path: `/orgs/${encodeURIComponent(org)}` };
      const response = await send(call, () => request('GET /orgs/{org}', { org, request: requestOptions() }));
      return parse(organizationSchema, response.data, call);
    },

    async *listMembers(org, options = {}) {
      const perCall = requestOptions();
      const query = new URLSearchParams({
        ...(options.filter ? { filter: options.filter } : {}),
        ...(options.role ? { role: options.role } : {}),
        per_page: String(PER_PAGE),
      });
      const forbiddenHint = options.filter && options.filter !== 'all' ? OWNER_FILTER_HINT : undefined;
      let url: string | undefined = `${baseUrl}/orgs/${encodeURIComponent(org)}/members?${query}`;
      const visited = new Set<string>();
      while (url) {
        const call: FailedCall = {
          method: 'GET',
          path: relativePath(new URL(url), apiRoot),
          ...(forbiddenHint ? { forbiddenHint } : {}),
        };
        visited.add(url);
        const pageUrl: string = url;
        const response = await send(call, () => request({ method: 'GET', url: pageUrl, request: perCall }));
        const page = parse(memberSchema.array(), response.data, call);
        yield* page;
        url = nextPage(response.headers.link, apiRoot, visited, call);
      }
    },
  };

  async function send<T>(call: FailedCall, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const mapped = toConnectorError(error, call);
      log.debug({ code: mapped.code, status: mapped.status }, mapped.message);
      throw mapped;
    }
  }
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
