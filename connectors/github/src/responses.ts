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

const enabledStatus = z
  .object({ status: z.string() })
  .nullish()
  .transform((value) => (value ? value.status === 'enabled' : null));

/**
 * The fields of `minimal-repository` Annexa reads. `security_and_analysis` is visible only to owners, security
 * managers and repository admins: absent means unknown, so every flag comes out null then.
 */
export const repositorySchema = z.object({
  name: z.string(),
  full_name: z.string(),
  private: z.boolean(),
  visibility: z.string().optional(),
  archived: z.boolean().optional(),
  fork: z.boolean(),
  default_branch: z.string().optional(),
  topics: z.array(z.string()).optional(),
  security_and_analysis: z
    .object({
      advanced_security: enabledStatus,
      secret_scanning: enabledStatus,
      secret_scanning_push_protection: enabledStatus,
      dependabot_security_updates: enabledStatus,
    })
    .partial()
    .nullish(),
});
export type GitHubRepositoryBody = z.output<typeof repositorySchema>;

/** `branch-protection`, the parts Annexa reads. */
export const branchProtectionSchema = z.object({
  required_status_checks: z.object({}).passthrough().nullish(),
  enforce_admins: z.object({ enabled: z.boolean() }).nullish(),
  required_pull_request_reviews: z
    .object({
      required_approving_review_count: z.number().int().optional(),
      dismiss_stale_reviews: z.boolean().optional(),
      require_code_owner_reviews: z.boolean().optional(),
    })
    .nullish(),
  allow_force_pushes: z.object({ enabled: z.boolean() }).nullish(),
  allow_deletions: z.object({ enabled: z.boolean() }).nullish(),
});

/** `repository-rule-detailed`: one active rule that applies to a branch. */
export const branchRuleSchema = z.object({
  type: z.string(),
  parameters: z
    .object({
      required_approving_review_count: z.number().int().optional(),
      dismiss_stale_reviews_on_push: z.boolean().optional(),
      require_code_owner_review: z.boolean().optional(),
    })
    .passthrough()
    .optional(),
});

export const codeownersErrorsSchema = z.object({
  errors: z.array(z.object({ line: z.number().int(), kind: z.string(), message: z.string().optional() })),
});

/** One alert of the org-level Dependabot, code-scanning or secret-scanning listings, reduced to what is judged. */
export const dependabotAlertSchema = z.object({
  number: z.number().int(),
  state: z.string(),
  created_at: z.string(),
  html_url: z.string().optional(),
  security_advisory: z.object({ severity: z.string(), ghsa_id: z.string().optional() }),
  repository: z.object({ name: z.string() }),
});
export const codeScanningAlertSchema = z.object({
  number: z.number().int(),
  state: z.string(),
  created_at: z.string(),
  rule: z.object({
    id: z.string().nullish(),
    severity: z.string().nullish(),
    security_severity_level: z.string().nullish(),
  }),
  repository: z.object({ name: z.string() }),
});
export const secretScanningAlertSchema = z.object({
  number: z.number().int(),
  state: z.string().nullish(),
  created_at: z.string(),
  secret_type: z.string().nullish(),
  push_protection_bypassed: z.boolean().nullish(),
  repository: z.object({ name: z.string() }),
});
export const auditLogEventSchema = z.object({
  action: z.string().optional(),
  '@timestamp': z.number().optional(),
});
