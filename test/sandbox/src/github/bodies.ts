import type { components } from '@octokit/openapi-types';
import type { GitHubMember, GitHubOrganization } from './scenario.js';

type OrganizationFull = components['schemas']['organization-full'];
type SimpleUser = components['schemas']['simple-user'];

/** GitHub's legacy global node ids are base64 of `0<type length>:<Type><id>` (`MDQ6VXNlcjE=` is `04:User1`). */
function nodeId(type: 'Organization' | 'User', id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

/** Root of the web UI that goes with an API base URL: GHES serves the UI at the host root. */
function webRoot(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

/**
 * `organization-full` as GitHub shapes it. For a caller who is not an owner the owner-only fields are absent,
 * not false: that is the trap the collectors must handle.
 */
export function organizationBody(
  org: GitHubOrganization,
  baseUrl: string,
  ownerView: boolean,
): OrganizationFull {
  const api = `${baseUrl}/orgs/${org.login}`;
  const publicView: OrganizationFull = {
    login: org.login,
    id: org.id,
    node_id: nodeId('Organization', org.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${webRoot(baseUrl)}/avatars/u/${org.id}?v=4`,
    description: org.description,
    ...(org.name === null ? {} : { name: org.name }),
    company: '',
    // GitHub's description types blog as a URI and email as an address: an empty string would not match.
    blog: `https://${org.login.toLowerCase()}.example`,
    location: '',
    email: `security@${org.login.toLowerCase()}.example`,
    twitter_username: null,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: org.public_repos,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${webRoot(baseUrl)}/${org.login}`,
    created_at: org.created_at,
    updated_at: org.created_at,
    archived_at: null,
    type: 'Organization',
  };
  if (!ownerView) return publicView;
  return {
    ...publicView,
    total_private_repos: org.total_private_repos,
    owned_private_repos: org.total_private_repos,
    private_gists: 0,
    disk_usage: 1024 * (org.public_repos + org.total_private_repos),
    collaborators: 0,
    billing_email: `billing@${org.login.toLowerCase()}.example`,
    plan: { name: org.plan, space: 976_562_499, private_repos: 999_999, filled_seats: 0, seats: 0 },
    default_repository_permission: org.default_repository_permission,
    default_repository_branch: 'main',
    members_can_create_repositories: org.members_can_create_repositories,
    two_factor_requirement_enabled: org.two_factor_requirement_enabled,
    members_allowed_repository_creation_type: org.members_can_create_repositories ? 'all' : 'none',
    members_can_create_public_repositories: org.members_can_create_public_repositories,
    members_can_create_private_repositories: org.members_can_create_private_repositories,
    members_can_create_internal_repositories: org.members_can_create_internal_repositories,
    members_can_create_pages: true,
    members_can_create_public_pages: true,
    members_can_create_private_pages: true,
    members_can_delete_repositories: true,
    members_can_change_repo_visibility: true,
    members_can_invite_outside_collaborators: org.members_can_invite_outside_collaborators,
    members_can_delete_issues: false,
    members_can_fork_private_repositories: org.members_can_fork_private_repositories,
    web_commit_signoff_required: org.web_commit_signoff_required,
    deploy_keys_enabled_for_repositories: true,
  };
}

/** `simple-user` as the members listing returns it. */
export function simpleUserBody(member: GitHubMember, baseUrl: string): SimpleUser {
  const api = `${baseUrl}/users/${member.login}`;
  return {
    login: member.login,
    id: member.id,
    node_id: nodeId('User', member.id),
    avatar_url: `${webRoot(baseUrl)}/avatars/u/${member.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${webRoot(baseUrl)}/${member.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

export const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: message, documentation link, and the status as a string. */
export function errorBody(status: number, message: string, documentation = DOCS): Record<string, unknown> {
  return { message, documentation_url: documentation, status: String(status) };
}
