import type { components } from '@octokit/openapi-types';
import { simpleUserBody } from './bodies.js';
import type { GitHubOrganization, GitHubRepo } from './scenario.js';

type MinimalRepository = components['schemas']['minimal-repository'];
type BranchProtection = components['schemas']['branch-protection'];
type SimpleRepository = components['schemas']['simple-repository'];
type RepositoryRule = components['schemas']['repository-rule-detailed'];

const status = (on: boolean) => ({ status: on ? ('enabled' as const) : ('disabled' as const) });

export function repoId(repo: GitHubRepo, index: number): number {
  return repo.id ?? 700_001 + index;
}

/** `minimal-repository` as `GET /orgs/{org}/repos` returns it; `security_and_analysis` for owners only. */
export function repositoryBody(
  repo: GitHubRepo,
  id: number,
  org: GitHubOrganization,
  baseUrl: string,
  ownerView: boolean,
): MinimalRepository {
  const api = `${baseUrl}/repos/${org.login}/${repo.name}`;
  const web = `${new URL(baseUrl).origin}/${org.login}/${repo.name}`;
  const owner = simpleUserBody({ login: org.login, id: org.id, role: 'member', twoFactor: true }, baseUrl);
  return {
    id,
    node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
    name: repo.name,
    full_name: `${org.login}/${repo.name}`,
    owner: { ...owner, type: 'Organization' },
    private: repo.visibility !== 'public',
    html_url: web,
    description: null,
    fork: repo.fork,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git:${web.replace(/^https?:/, '')}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${new URL(baseUrl).host}:${org.login}/${repo.name}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${web}.git`,
    hooks_url: `${api}/hooks`,
    default_branch: repo.defaultBranch,
    topics: repo.topics,
    archived: repo.archived,
    disabled: false,
    visibility: repo.visibility,
    created_at: '2021-03-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    pushed_at: '2026-11-20T10:00:00Z',
    ...(ownerView
      ? {
          permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
          security_and_analysis: {
            advanced_security: status(repo.advancedSecurity),
            secret_scanning: status(repo.secretScanning),
            secret_scanning_push_protection: status(repo.pushProtection),
            dependabot_security_updates: status(repo.dependabotAlerts),
          },
        }
      : { permissions: { admin: false, maintain: false, push: false, triage: true, pull: true } }),
  };
}

/** The keys of `simple-repository` (what alerts embed): identity and URL fields of a `minimal-repository`. */
const SIMPLE_REPOSITORY_KEYS = [
  'id',
  'node_id',
  'name',
  'full_name',
  'owner',
  'private',
  'html_url',
  'description',
  'fork',
  'url',
  'archive_url',
  'assignees_url',
  'blobs_url',
  'branches_url',
  'collaborators_url',
  'comments_url',
  'commits_url',
  'compare_url',
  'contents_url',
  'contributors_url',
  'deployments_url',
  'downloads_url',
  'events_url',
  'forks_url',
  'git_commits_url',
  'git_refs_url',
  'git_tags_url',
  'issue_comment_url',
  'issue_events_url',
  'issues_url',
  'keys_url',
  'labels_url',
  'languages_url',
  'merges_url',
  'milestones_url',
  'notifications_url',
  'pulls_url',
  'releases_url',
  'stargazers_url',
  'statuses_url',
  'subscribers_url',
  'subscription_url',
  'tags_url',
  'teams_url',
  'trees_url',
  'hooks_url',
] as const satisfies readonly (keyof SimpleRepository & keyof MinimalRepository)[];

/** `simple-repository` cut from a `minimal-repository`. */
export function simpleRepositoryBody(repository: MinimalRepository): SimpleRepository {
  return Object.fromEntries(SIMPLE_REPOSITORY_KEYS.map((key) => [key, repository[key]])) as SimpleRepository;
}

/** `branch-protection` of a default branch with classic protection. */
export function branchProtectionBody(
  repo: GitHubRepo,
  classic: NonNullable<GitHubRepo['classic']>,
  baseUrl: string,
  orgLogin: string,
): BranchProtection {
  const url = `${baseUrl}/repos/${orgLogin}/${repo.name}/branches/${repo.defaultBranch}/protection`;
  return {
    url,
    ...(classic.statusChecks
      ? {
          required_status_checks: {
            url: `${url}/required_status_checks`,
            strict: true,
            contexts: ['ci'],
            checks: [{ context: 'ci', app_id: null }],
            contexts_url: `${url}/required_status_checks/contexts`,
          },
        }
      : {}),
    enforce_admins: { url: `${url}/enforce_admins`, enabled: classic.adminsEnforced },
    ...(classic.requiredApprovals === null
      ? {}
      : {
          required_pull_request_reviews: {
            url: `${url}/required_pull_request_reviews`,
            dismiss_stale_reviews: classic.dismissStaleReviews,
            require_code_owner_reviews: classic.codeOwnerReviews,
            required_approving_review_count: classic.requiredApprovals,
            require_last_push_approval: false,
          },
        }),
    required_linear_history: { enabled: false },
    allow_force_pushes: { enabled: classic.forcePushesAllowed },
    allow_deletions: { enabled: classic.deletionsAllowed },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: false },
    lock_branch: { enabled: false },
    allow_fork_syncing: { enabled: false },
  };
}

/** `repository-rule-detailed[]` as `GET /repos/{o}/{r}/rules/branches/{b}` returns the active rules. */
export function branchRulesBody(repo: GitHubRepo, orgLogin: string, rulesetId: number): RepositoryRule[] {
  const source = {
    ruleset_source_type: 'Repository' as const,
    ruleset_source: `${orgLogin}/${repo.name}`,
    ruleset_id: rulesetId,
  };
  return repo.rulesets.map((rule): RepositoryRule => {
    if (rule.type === 'pull_request') {
      return {
        type: 'pull_request',
        parameters: {
          required_approving_review_count: rule.requiredApprovals,
          dismiss_stale_reviews_on_push: rule.dismissStaleReviews,
          require_code_owner_review: rule.codeOwnerReviews,
          require_last_push_approval: false,
          required_review_thread_resolution: false,
        },
        ...source,
      } as RepositoryRule;
    }
    if (rule.type === 'required_status_checks') {
      return {
        type: 'required_status_checks',
        parameters: {
          required_status_checks: [{ context: 'ci' }],
          strict_required_status_checks_policy: true,
        },
        ...source,
      } as RepositoryRule;
    }
    return { type: rule.type, ...source } as RepositoryRule;
  });
}
