import type { ServiceRequest } from '../service.js';
import { errorBody, simpleUserBody } from './bodies.js';
import { paginate, readPageRequest } from './pagination.js';
import {
  branchProtectionBody,
  branchRulesBody,
  repoId,
  repositoryBody,
  simpleRepositoryBody,
} from './repo-bodies.js';
import { repoSchema } from './repo-scenario.js';
import type { GitHubRepo, GitHubWorld } from './scenario.js';

export type Routed = { status: number; body?: unknown; headers?: Record<string, string> };

const DOCS = 'https://docs.github.com/rest';

/** An indexed view of the scenario's repositories, built once per fake. */
export interface RepoIndex {
  byName: Map<string, { repo: GitHubRepo; id: number }>;
  sorted: { repo: GitHubRepo; id: number }[];
  /** Repository listing pages already built (the scenario never changes while the fake runs). */
  pages: Map<string, Routed>;
}

export function indexRepos(world: GitHubWorld): RepoIndex {
  const sorted = world.repos
    .map((repo, index) => ({ repo, id: repoId(repo, index) }))
    .sort((a, b) => (a.repo.name.toLowerCase() < b.repo.name.toLowerCase() ? -1 : 1));
  return {
    byName: new Map(sorted.map((entry) => [entry.repo.name.toLowerCase(), entry])),
    sorted,
    pages: new Map(),
  };
}

/**
 * `GET /orgs/{org}/repos|outside_collaborators|audit-log|{dependabot,code-scanning,secret-scanning}/alerts` and
 * `GET /repos/{owner}/{repo}/branches/{b}/protection|rules/branches/{b}|codeowners/errors|vulnerability-alerts`.
 * Undefined when the path is none of these.
 */
export function routeRepoEndpoints(
  request: ServiceRequest,
  owner: boolean,
  world: GitHubWorld,
  index: RepoIndex,
  segments: string[],
): Routed | undefined {
  const org = world.org;
  const [first, login, ...rest] = segments;
  const sameOrg = login !== undefined && login.toLowerCase() === org.login.toLowerCase();
  const listing = <T>(items: readonly T[], body: (item: T) => unknown): Routed => {
    const { page, link } = paginate(items, readPageRequest(request.query), request.url);
    return { status: 200, body: page.map(body), ...(link ? { headers: { link } } : {}) };
  };
  const ownerOnly = (what: string): Routed => ({
    status: 403,
    body: errorBody(403, `Must be an organization owner to ${what}.`, DOCS),
  });

  if (first === 'orgs' && sameOrg) {
    const path = rest.join('/');
    if (path === 'repos') {
      // Pages of a large organisation are built once per caller kind and URL: the fake should not be slower
      // than the latency it simulates.
      const key = `${owner}\n${request.url.href}`;
      let page = index.pages.get(key);
      if (!page) {
        page = listing(index.sorted, ({ repo, id }) => repositoryBody(repo, id, org, request.baseUrl, owner));
        index.pages.set(key, page);
      }
      return page;
    }
    if (path === 'outside_collaborators') {
      if (!owner) return ownerOnly('list outside collaborators');
      return listing(world.outsideCollaborators, (user) =>
        simpleUserBody({ ...user, role: 'member', twoFactor: true }, request.baseUrl),
      );
    }
    if (path === 'audit-log') {
      // Assumption: the audit log API exists for GitHub Enterprise Cloud only; elsewhere GitHub answers 404.
      if (!(world.features.auditLog ?? org.plan === 'enterprise'))
        return { status: 404, body: errorBody(404, 'Not Found', DOCS) };
      if (!owner) return ownerOnly('read the audit log');
      const events = [
        { action: 'org.update_member', '@timestamp': Date.parse('2026-11-26T09:00:00Z') },
        { action: 'repo.create', '@timestamp': Date.parse('2026-11-25T09:00:00Z') },
      ];
      return { status: 200, body: events.map((event) => ({ ...event, actor: 'alice', org: org.login })) };
    }
    if (
      path === 'dependabot/alerts' ||
      path === 'code-scanning/alerts' ||
      path === 'secret-scanning/alerts'
    ) {
      if (!owner) return ownerOnly('list security alerts');
      return alertListing(path, request, world, index, listing);
    }
    return undefined;
  }

  if (first === 'repos' && sameOrg) {
    const [name, ...tail] = rest;
    const entry = name === undefined ? undefined : index.byName.get(name.toLowerCase());
    if (!entry) return { status: 404, body: errorBody(404, 'Not Found', DOCS) };
    const { repo, id } = entry;
    const path = tail.join('/');
    const branch = repo.defaultBranch;
    if (path === `branches/${branch}/protection`) {
      if (!owner) return { status: 403, body: errorBody(403, 'Must have admin rights to Repository.', DOCS) };
      if (!repo.classic) return { status: 404, body: errorBody(404, 'Branch not protected', DOCS) };
      return { status: 200, body: branchProtectionBody(repo, repo.classic, request.baseUrl, org.login) };
    }
    if (tail[0] === 'rules' && tail[1] === 'branches' && tail.length === 3) {
      // Rules apply to the default branch only in these scenarios; any other branch has none.
      return listing(tail[2] === branch ? branchRulesBody(repo, org.login, id) : [], (rule) => rule);
    }
    if (path === 'codeowners/errors') {
      if (repo.codeowners === 'missing') return { status: 404, body: errorBody(404, 'Not Found', DOCS) };
      const errors =
        repo.codeowners === 'invalid'
          ? [
              {
                line: 3,
                column: 1,
                kind: 'Unknown owner',
                source: '*.ts @acme/ghost-team\n',
                suggestion: null,
                message:
                  'Unknown owner on line 3: make sure @acme/ghost-team exists and has write access to the repository',
                path: repo.codeownersPath,
              },
            ]
          : [];
      return { status: 200, body: { errors } };
    }
    if (path === 'vulnerability-alerts') {
      if (!owner) return { status: 403, body: errorBody(403, 'Must have admin rights to Repository.', DOCS) };
      return repo.dependabotAlerts
        ? { status: 204 }
        : { status: 404, body: errorBody(404, 'Vulnerability alerts are disabled.', DOCS) };
    }
    return undefined;
  }
  return undefined;
}

function alertListing(
  path: string,
  request: ServiceRequest,
  world: GitHubWorld,
  index: RepoIndex,
  listing: <T>(items: readonly T[], body: (item: T) => unknown) => Routed,
): Routed {
  const state = request.query.get('state');
  const severities = request.query.get('severity')?.split(',');
  /** `simple-repository`, as alerts embed it. */
  const repoRef = (name: string) => {
    const entry = index.byName.get(name.toLowerCase());
    const repo = entry?.repo ?? repoSchema.parse({ name });
    return simpleRepositoryBody(repositoryBody(repo, entry?.id ?? 0, world.org, request.baseUrl, false));
  };
  const web = (name: string, kind: string, number: number) =>
    `${new URL(request.baseUrl).origin}/${world.org.login}/${name}/security/${kind}/${number}`;
  const apiUrl = (name: string, kind: string, number: number) =>
    `${request.baseUrl}/repos/${world.org.login}/${name}/${kind}/alerts/${number}`;
  if (path === 'dependabot/alerts') {
    const alerts = world.alerts.dependabot
      .map((alert, number) => ({ ...alert, number: number + 1 }))
      .filter(
        (alert) => (!state || alert.state === state) && (!severities || severities.includes(alert.severity)),
      );
    return listing(alerts, (alert) => {
      const ghsa = `GHSA-0000-0000-${String(alert.number).padStart(4, '0')}`;
      const vulnerability = {
        package: { ecosystem: 'npm', name: 'lodash' },
        severity: alert.severity,
        vulnerable_version_range: '< 4.17.21',
        first_patched_version: { identifier: '4.17.21' },
      };
      return {
        number: alert.number,
        state: alert.state,
        dependency: {
          package: { ecosystem: 'npm', name: 'lodash' },
          manifest_path: 'package-lock.json',
          scope: 'runtime',
        },
        security_advisory: {
          ghsa_id: ghsa,
          cve_id: null,
          summary: 'Prototype pollution',
          description: 'Prototype pollution in lodash.',
          vulnerabilities: [vulnerability],
          severity: alert.severity,
          cvss: { score: alert.severity === 'critical' ? 9.1 : 7.4, vector_string: null },
          cwes: [{ cwe_id: 'CWE-1321', name: 'Prototype Pollution' }],
          identifiers: [{ type: 'GHSA', value: ghsa }],
          references: [{ url: `https://github.com/advisories/${ghsa}` }],
          published_at: '2021-02-15T00:00:00Z',
          updated_at: '2021-02-15T00:00:00Z',
          withdrawn_at: null,
        },
        security_vulnerability: vulnerability,
        url: apiUrl(alert.repo, 'dependabot', alert.number),
        html_url: web(alert.repo, 'dependabot', alert.number),
        created_at: alert.createdAt,
        updated_at: alert.createdAt,
        dismissed_at: null,
        dismissed_by: null,
        dismissed_reason: null,
        dismissed_comment: null,
        fixed_at: alert.state === 'fixed' ? alert.createdAt : null,
        repository: repoRef(alert.repo),
      };
    });
  }
  if (!world.features.advancedSecurity) {
    // Assumption: without GitHub Advanced Security the org-level listings answer 403 with this message.
    return {
      status: 403,
      body: errorBody(
        403,
        'Advanced Security must be enabled for this organization to use this feature.',
        DOCS,
      ),
    };
  }
  if (path === 'code-scanning/alerts') {
    const alerts = world.alerts.codeScanning
      .map((alert, number) => ({ ...alert, number: number + 1 }))
      .filter(
        (alert) => (!state || alert.state === state) && (!severities || severities.includes(alert.severity)),
      );
    return listing(alerts, (alert) => ({
      number: alert.number,
      created_at: alert.createdAt,
      updated_at: alert.createdAt,
      url: apiUrl(alert.repo, 'code-scanning', alert.number),
      html_url: web(alert.repo, 'code-scanning', alert.number),
      instances_url: `${apiUrl(alert.repo, 'code-scanning', alert.number)}/instances`,
      state: alert.state,
      fixed_at: alert.state === 'fixed' ? alert.createdAt : null,
      dismissed_by: null,
      dismissed_at: null,
      dismissed_reason: null,
      dismissed_comment: null,
      rule: {
        id: 'js/sql-injection',
        name: 'js/sql-injection',
        severity: 'error',
        security_severity_level: alert.severity,
        description: 'SQL injection',
        tags: ['security'],
      },
      tool: { name: 'CodeQL', version: '2.19.0', guid: null },
      most_recent_instance: {
        ref: 'refs/heads/main',
        analysis_key: '.github/workflows/codeql.yml:analyze',
        environment: '{}',
        category: '.github/workflows/codeql.yml:analyze',
        state: alert.state,
        commit_sha: '0000000000000000000000000000000000000000',
        message: { text: 'This query depends on a user-provided value.' },
        location: { path: 'src/db.ts', start_line: 10, end_line: 10, start_column: 5, end_column: 40 },
        classifications: [],
      },
      repository: repoRef(alert.repo),
    }));
  }
  const alerts = world.alerts.secretScanning
    .map((alert, number) => ({ ...alert, number: number + 1 }))
    .filter((alert) => !state || alert.state === state);
  return listing(alerts, (alert) => ({
    number: alert.number,
    created_at: alert.createdAt,
    updated_at: alert.createdAt,
    url: apiUrl(alert.repo, 'secret-scanning', alert.number),
    html_url: web(alert.repo, 'secret-scanning', alert.number),
    locations_url: `${apiUrl(alert.repo, 'secret-scanning', alert.number)}/locations`,
    state: alert.state,
    resolution: alert.state === 'resolved' ? 'revoked' : null,
    resolved_at: alert.state === 'resolved' ? alert.createdAt : null,
    resolved_by: null,
    secret_type: alert.secretType,
    secret_type_display_name: 'GitHub Personal Access Token',
    // The listing is asked with hide_secret=true: no `secret`.
    push_protection_bypassed: false,
    push_protection_bypassed_by: null,
    push_protection_bypassed_at: null,
    validity: 'unknown',
    publicly_leaked: false,
    multi_repo: false,
    repository: repoRef(alert.repo),
  }));
}
