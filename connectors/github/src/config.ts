import { z } from 'zod';
import { scopeSchema } from './scope.js';

/** One GitHub organisation in annexa.yaml. `baseUrl` is for GitHub Enterprise Server (`https://HOST/api/v3`). */
export const githubConfigSchema = z
  .object({
    name: z.string().min(1),
    type: z.literal('github'),
    org: z
      .string()
      .regex(
        /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/,
        'must be a GitHub organization login (letters, digits, hyphens)',
      ),
    token: z.string().min(1, 'must be a GitHub token (classic or fine-grained)'),
    baseUrl: z
      .url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL such as https://github.example.com/api/v3',
      })
      .optional(),
    /** ISMS scope (clause 4.3) over the organisation's repositories; everything not archived when absent. */
    scope: scopeSchema.optional(),
    /**
     * How default-branch protection is read: `graphql` (⌈R/100⌉ queries), `rest` (3 requests a repository), or
     * `auto` (GraphQL, falling back to REST when the server has no usable GraphQL API, e.g. an older GHES).
     */
    api: z.enum(['auto', 'graphql', 'rest']).optional(),
    /** Where ETags and bodies are kept between runs so unchanged answers cost no quota (304). Off when absent. */
    cacheDir: z.string().min(1).optional(),
    /** Too many organisation owners (8.2): more than `max` and more than `percent` of members. */
    owners: z
      .object({
        max: z.number().int().nonnegative().default(3),
        percent: z.number().min(0).max(100).default(10),
      })
      .strict()
      .optional(),
    /** Days an open Dependabot alert may stay open before it counts as overdue (8.8). */
    alertSla: z
      .object({
        criticalDays: z.number().int().positive().default(30),
        highDays: z.number().int().positive().default(60),
      })
      .strict()
      .optional(),
  })
  .strict();

export type GitHubConfig = z.infer<typeof githubConfigSchema>;

export const GITHUB_API = 'https://api.github.com';

/** `github.com/orgs/acme`, or `<host>/orgs/acme` on GitHub Enterprise Server. */
export function describeGitHub(config: Pick<GitHubConfig, 'org' | 'baseUrl'>): string {
  const host = config.baseUrl ? new URL(config.baseUrl).host : 'github.com';
  return `${host === 'api.github.com' ? 'github.com' : host}/orgs/${config.org}`;
}
