import { z } from 'zod';

/**
 * Owner-only fields: GitHub omits them (rather than sending false) when the token is not an organization owner.
 * They come out as null, meaning "not visible to this token".
 */
const ownerOnly = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value): z.output<T> | null => (value === undefined ? null : value));

/** The fields of `organization-full` Annexa reads. Unknown fields are dropped. */
export const organizationSchema = z.object({
  login: z.string(),
  id: z.number(),
  name: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  html_url: z.string(),
  public_repos: z.number().int().nonnegative(),
  total_private_repos: ownerOnly(z.number().int().nonnegative()),
  owned_private_repos: ownerOnly(z.number().int().nonnegative()),
  plan: ownerOnly(z.object({ name: z.string() }).transform((plan) => plan.name)),
  two_factor_requirement_enabled: ownerOnly(z.boolean()),
  default_repository_permission: ownerOnly(z.string()),
  members_can_create_repositories: ownerOnly(z.boolean()),
  members_can_create_public_repositories: ownerOnly(z.boolean()),
  members_can_create_private_repositories: ownerOnly(z.boolean()),
  members_can_create_internal_repositories: ownerOnly(z.boolean()),
  members_can_fork_private_repositories: ownerOnly(z.boolean()),
  members_can_invite_outside_collaborators: ownerOnly(z.boolean()),
  web_commit_signoff_required: ownerOnly(z.boolean()),
});
export type GitHubOrganization = z.output<typeof organizationSchema>;

/** The fields of `simple-user` Annexa reads. */
export const memberSchema = z.object({
  login: z.string(),
  id: z.number(),
  type: z.string(),
  site_admin: z.boolean(),
});
export type GitHubMember = z.output<typeof memberSchema>;
