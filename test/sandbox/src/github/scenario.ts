import { z } from 'zod';
import { appSchema } from './apps.js';
import { generateMembers } from './generate-members.js';
import {
  alertsSchema,
  featuresSchema,
  generateRepos,
  generateReposSchema,
  rateLimitSchema,
  repoSchema,
} from './repo-scenario.js';

const login = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'a GitHub login: letters, digits and hyphens, at most 39');

const organizationSchema = z
  .object({
    login,
    id: z.number().int().positive(),
    name: z.string().nullable().default(null),
    description: z.string().nullable().default(null),
    /** Plan name as GitHub spells it: free, team, business, enterprise. */
    plan: z.string().min(1).default('free'),
    two_factor_requirement_enabled: z.boolean(),
    default_repository_permission: z.enum(['read', 'write', 'admin', 'none']).default('read'),
    members_can_create_repositories: z.boolean().default(true),
    members_can_create_public_repositories: z.boolean().default(true),
    members_can_create_private_repositories: z.boolean().default(true),
    members_can_create_internal_repositories: z.boolean().default(false),
    members_can_fork_private_repositories: z.boolean().default(false),
    members_can_invite_outside_collaborators: z.boolean().default(true),
    web_commit_signoff_required: z.boolean().default(false),
    public_repos: z.number().int().nonnegative().default(0),
    total_private_repos: z.number().int().nonnegative().default(0),
    created_at: z.iso.datetime().default('2020-01-15T09:30:00Z'),
  })
  .strict();

const memberSchema = z
  .object({
    login,
    id: z.number().int().positive(),
    role: z.enum(['admin', 'member']).default('member'),
    twoFactor: z.boolean(),
  })
  .strict();

const tokenSchema = z
  .object({
    value: z.string().min(1),
    /** owner: sees owner-only fields and may audit 2FA; member: the public view of a fellow member. */
    role: z.enum(['owner', 'member']),
    /** Sent back as `x-oauth-scopes`, like a classic token. */
    scopes: z.array(z.string()).optional(),
  })
  .strict();

/** Members made up in bulk, for a large organisation without a 2,500-line file. */
const generateSchema = z
  .object({
    members: z.number().int().positive().max(100_000),
    without2fa: z.number().int().nonnegative(),
    admins: z.number().int().nonnegative().default(1),
    loginPrefix: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,29}$/)
      .default('member'),
    firstId: z.number().int().positive().default(100_001),
  })
  .strict()
  .refine((g) => g.without2fa <= g.members, {
    message: 'without2fa cannot exceed members',
    path: ['without2fa'],
  })
  .refine((g) => g.admins <= g.members, { message: 'admins cannot exceed members', path: ['admins'] });

export const githubScenarioSchema = z
  .object({
    org: organizationSchema,
    members: z.array(memberSchema).default([]),
    generate: generateSchema.optional(),
    repos: z.array(repoSchema).default([]),
    generateRepos: generateReposSchema.optional(),
    outsideCollaborators: z.array(z.object({ login, id: z.number().int().positive() }).strict()).default([]),
    alerts: alertsSchema.default({ dependabot: [], codeScanning: [], secretScanning: [] }),
    features: featuresSchema.default({ advancedSecurity: true, graphqlRulesets: true }),
    rateLimit: rateLimitSchema.default({
      limit: 5000,
      windowSeconds: 3600,
      retryAfterSeconds: 60,
    }),
    tokens: z.array(tokenSchema).min(1, 'at least one token is needed to call the fake'),
    /** GitHub Apps installed on the organisation: their JWTs mint installation tokens (issue 3). */
    apps: z.array(appSchema).default([]),
  })
  .strict()
  .transform(({ generate, generateRepos: bulkRepos, ...scenario }) => ({
    ...scenario,
    members: [...scenario.members, ...(generate ? generateMembers(generate) : [])],
    repos: [...scenario.repos, ...(bulkRepos ? generateRepos(bulkRepos) : [])],
  }))
  .superRefine((scenario, ctx) => {
    const logins = new Set<string>();
    const ids = new Set<number>();
    scenario.members.forEach((member, index) => {
      if (logins.has(member.login.toLowerCase()))
        ctx.addIssue({
          code: 'custom',
          path: ['members', index, 'login'],
          message: `duplicate login ${member.login}`,
        });
      if (ids.has(member.id))
        ctx.addIssue({
          code: 'custom',
          path: ['members', index, 'id'],
          message: `duplicate id ${member.id}`,
        });
      logins.add(member.login.toLowerCase());
      ids.add(member.id);
    });
    const names = new Set<string>();
    scenario.repos.forEach((repo, index) => {
      if (names.has(repo.name.toLowerCase()))
        ctx.addIssue({
          code: 'custom',
          path: ['repos', index, 'name'],
          message: `duplicate repo ${repo.name}`,
        });
      names.add(repo.name.toLowerCase());
    });
    const tokens = new Set<string>();
    scenario.tokens.forEach((token, index) => {
      // The message names the index only: a token value never goes into an error.
      if (tokens.has(token.value))
        ctx.addIssue({ code: 'custom', path: ['tokens', index, 'value'], message: 'duplicate token value' });
      tokens.add(token.value);
    });
  });

export type GitHubScenario = z.input<typeof githubScenarioSchema>;
export type GitHubWorld = z.output<typeof githubScenarioSchema>;
export type GitHubOrganization = GitHubWorld['org'];
export type GitHubMember = GitHubWorld['members'][number];
export type GitHubToken = GitHubWorld['tokens'][number];
export type GitHubRepo = GitHubWorld['repos'][number];
