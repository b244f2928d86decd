import { githubConnector } from '@annexa/connector-github';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';

/** Owner-only settings are null when the token cannot see them: unknown, never "off". */
export const orgSettingsSchema = z
  .object({
    login: z.string(),
    id: z.number().int(),
    name: z.string().nullable(),
    html_url: z.string(),
    plan: z.string().nullable(),
    two_factor_requirement_enabled: z.boolean().nullable(),
    default_repository_permission: z.string().nullable(),
    members_can_create_repositories: z.boolean().nullable(),
    members_can_create_public_repositories: z.boolean().nullable(),
    members_can_create_private_repositories: z.boolean().nullable(),
    members_can_create_internal_repositories: z.boolean().nullable(),
    members_can_fork_private_repositories: z.boolean().nullable(),
    members_can_invite_outside_collaborators: z.boolean().nullable(),
    web_commit_signoff_required: z.boolean().nullable(),
    public_repos: z.number().int().nonnegative(),
    /** Null when the token is not an owner: then only public repositories are counted. */
    total_private_repos: z.number().int().nonnegative().nullable(),
  })
  .strict();
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

/** Repositories make the secure-development controls relevant, whatever the SoA says. */
const REPOSITORY_CONTROLS = ['8.4', '8.25', '8.28', '8.32'] as const;

export const orgSettings = defineCollector({
  id: 'github.org-settings',
  version: '1',
  connector: githubConnector,
  title: 'GitHub organization settings (GET /orgs/{org})',
  ttl: '24h',
  controls: ['5.15', '5.17', '8.3', '8.5'],
  schema: orgSettingsSchema,
  async collect(client, { config }) {
    const org = await client.getOrganization(config.org);
    return {
      login: org.login,
      id: org.id,
      name: org.name,
      html_url: org.html_url,
      plan: org.plan,
      two_factor_requirement_enabled: org.two_factor_requirement_enabled,
      default_repository_permission: org.default_repository_permission,
      members_can_create_repositories: org.members_can_create_repositories,
      members_can_create_public_repositories: org.members_can_create_public_repositories,
      members_can_create_private_repositories: org.members_can_create_private_repositories,
      members_can_create_internal_repositories: org.members_can_create_internal_repositories,
      members_can_fork_private_repositories: org.members_can_fork_private_repositories,
      members_can_invite_outside_collaborators: org.members_can_invite_outside_collaborators,
      web_commit_signoff_required: org.web_commit_signoff_required,
      public_repos: org.public_repos,
      total_private_repos: org.total_private_repos,
    };
  },
  observesAssets(data) {
    const repositories = data.public_repos + (data.total_private_repos ?? 0);
    if (repositories === 0) return [];
    // Without owner access only public repositories are counted, so the figure is a floor.
    const count = data.total_private_repos === null ? `at least ${repositories}` : String(repositories);
    return [
      {
        controls: [...REPOSITORY_CONTROLS],
        reason: `${count} ${repositories === 1 ? 'repository exists' : 'repositories exist'} in ${organizationAddress(data)}`,
      },
    ];
  },
});

/** `github.com/orgs/acme`, or `<host>/orgs/acme` on GitHub Enterprise Server, from the organisation's web URL. */
function organizationAddress(data: Pick<OrgSettings, 'login' | 'html_url'>): string {
  let host = 'github.com';
  try {
    host = new URL(data.html_url).host;
  } catch {
    // An unreadable html_url still leaves the login, which is what matters.
  }
  return `${host}/orgs/${data.login}`;
}
