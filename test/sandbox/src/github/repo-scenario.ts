import { z } from 'zod';

const repoName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, 'a repository name: letters, digits, dot, hyphen, underscore');

/** Classic branch protection of a default branch; every default is the strict, compliant setting. */
const classicSchema = z
  .object({
    /** null: pull-request reviews are not required. */
    requiredApprovals: z.number().int().nonnegative().nullable().default(1),
    dismissStaleReviews: z.boolean().default(true),
    codeOwnerReviews: z.boolean().default(true),
    statusChecks: z.boolean().default(true),
    adminsEnforced: z.boolean().default(true),
    forcePushesAllowed: z.boolean().default(false),
    deletionsAllowed: z.boolean().default(false),
  })
  .strict();

/** One active ruleset rule that applies to the default branch, in REST spelling. */
const ruleSchema = z
  .object({
    type: z.enum([
      'pull_request',
      'non_fast_forward',
      'deletion',
      'required_status_checks',
      'creation',
      'update',
    ]),
    requiredApprovals: z.number().int().nonnegative().default(1),
    dismissStaleReviews: z.boolean().default(true),
    codeOwnerReviews: z.boolean().default(false),
  })
  .strict();

export const repoSchema = z
  .object({
    name: repoName,
    id: z.number().int().positive().optional(),
    visibility: z.enum(['public', 'private', 'internal']).default('private'),
    archived: z.boolean().default(false),
    fork: z.boolean().default(false),
    topics: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/)).default([]),
    defaultBranch: z.string().min(1).default('main'),
    classic: classicSchema.nullable().default(null),
    rulesets: z.array(ruleSchema).default([]),
    codeowners: z.enum(['missing', 'valid', 'invalid']).default('missing'),
    codeownersPath: z
      .enum(['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'])
      .default('.github/CODEOWNERS'),
    advancedSecurity: z.boolean().default(false),
    secretScanning: z.boolean().default(false),
    pushProtection: z.boolean().default(false),
    dependabotAlerts: z.boolean().default(false),
  })
  .strict();
export type ScenarioRepo = z.output<typeof repoSchema>;

/** Repositories made up in bulk: every `n`th one deviates, so large scenarios hold a known mix. */
export const generateReposSchema = z
  .object({
    count: z.number().int().positive().max(100_000),
    namePrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,29}$/)
      .default('repo'),
    firstId: z.number().int().positive().default(500_001),
    archivedEvery: z.number().int().positive().optional(),
    unprotectedEvery: z.number().int().positive().optional(),
    rulesetEvery: z.number().int().positive().optional(),
    publicEvery: z.number().int().positive().optional(),
    noCodeownersEvery: z.number().int().positive().optional(),
  })
  .strict();

export function generateRepos(options: z.output<typeof generateReposSchema>): ScenarioRepo[] {
  const width = String(options.count).length;
  const every = (n: number | undefined, index: number) => n !== undefined && (index + 1) % n === 0;
  return Array.from({ length: options.count }, (_, index) =>
    repoSchema.parse({
      name: `${options.namePrefix}-${String(index + 1).padStart(width, '0')}`,
      id: options.firstId + index,
      visibility: every(options.publicEvery, index) ? 'public' : 'private',
      archived: every(options.archivedEvery, index),
      topics: index % 3 === 0 ? ['service'] : [],
      classic: every(options.unprotectedEvery, index) || every(options.rulesetEvery, index) ? null : {},
      rulesets: every(options.rulesetEvery, index)
        ? [
            { type: 'pull_request', codeOwnerReviews: true },
            { type: 'required_status_checks' },
            { type: 'non_fast_forward' },
            { type: 'deletion' },
          ]
        : [],
      codeowners: every(options.noCodeownersEvery, index) ? 'missing' : 'valid',
      advancedSecurity: true,
      secretScanning: true,
      pushProtection: true,
      dependabotAlerts: true,
    }),
  );
}

const severity = z.enum(['critical', 'high', 'medium', 'low']);
export const alertsSchema = z
  .object({
    dependabot: z
      .array(
        z
          .object({
            repo: repoName,
            severity,
            createdAt: z.iso.datetime(),
            state: z.enum(['open', 'fixed', 'dismissed']).default('open'),
          })
          .strict(),
      )
      .default([]),
    codeScanning: z
      .array(
        z
          .object({
            repo: repoName,
            severity: z.enum(['critical', 'high', 'medium', 'low']),
            createdAt: z.iso.datetime(),
            state: z.enum(['open', 'fixed', 'dismissed']).default('open'),
          })
          .strict(),
      )
      .default([]),
    secretScanning: z
      .array(
        z
          .object({
            repo: repoName,
            secretType: z.string().default('github_personal_access_token'),
            createdAt: z.iso.datetime(),
            state: z.enum(['open', 'resolved']).default('open'),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export const featuresSchema = z
  .object({
    /** GitHub Advanced Security: code scanning and secret scanning alerts at organisation level. */
    advancedSecurity: z.boolean().default(true),
    /** The organisation audit log API (GitHub Enterprise Cloud); defaults to plan === enterprise. */
    auditLog: z.boolean().optional(),
    /** false: the GraphQL schema has no Ref.rules (an older GHES), so Annexa must fall back to REST. */
    graphqlRulesets: z.boolean().default(true),
  })
  .strict();

export const rateLimitSchema = z
  .object({
    /** Primary budget per token and resource (core, graphql), and how long its window lasts. */
    limit: z.number().int().positive().default(5000),
    windowSeconds: z.number().int().positive().default(3600),
    /**
     * Secondary limit: requests in flight at once (GitHub: 100); beyond it, 403 with `retry-after`. Enforced only
     * when set, because a caller of `handle` without the server (a unit test) never settles its responses.
     */
    maxConcurrent: z.number().int().positive().optional(),
    retryAfterSeconds: z.number().int().positive().default(60),
  })
  .strict();
