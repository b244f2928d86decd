import { z } from 'zod';
import { scopeSchema } from './scope.js';

const numericId = (what: string) =>
  z.union([
    z.number().int().positive(),
    // From the environment (`${GITHUB_APP_ID}`) a number arrives as a string.
    z
      .string()
      .regex(/^\d{1,18}$/, `must be the ${what}, a number`)
      .transform(Number),
  ]);

/** A GitHub App installation: its id, the path of its private key (PEM), and the installation on the org. */
export const appSchema = z
  .object({
    /** The App ID (a number) from the App's settings page. */
    appId: numericId('App ID'),
    /** Path of the App's private key (.pem), relative to annexa.yaml. The key is read, never logged or kept. */
    privateKeyFile: z.string().min(1, 'must be the path of the App private key (.pem)'),
    /** The installation of the App on this organisation (the number in its settings URL). */
    installationId: numericId('installation id'),
  })
  .strict();
export type GitHubAppConfig = z.output<typeof appSchema>;

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
    /** A classic or fine-grained PAT, or an installation token minted outside Annexa. Exactly one of token and app. */
    token: z.string().min(1, 'must be a GitHub token (classic or fine-grained)').optional(),
    /** A GitHub App installation (preferred): Annexa mints and refreshes the installation token itself. */
    app: appSchema.optional(),
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
  .strict()
  .superRefine((config, ctx) => {
    if ((config.token === undefined) === (config.app === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: config.token === undefined ? [] : ['app'],
        message:
          config.token === undefined
            ? 'needs either token (a personal access token) or app ({ appId, privateKeyFile, installationId })'
            : 'give either token or app, not both',
      });
    }
  });

export type GitHubConfig = z.infer<typeof githubConfigSchema>;

export const GITHUB_API = 'https://api.github.com';

/** `github.com/orgs/acme`, or `<host>/orgs/acme` on GitHub Enterprise Server. */
export function describeGitHub(config: Pick<GitHubConfig, 'org' | 'baseUrl'>): string {
  const host = config.baseUrl ? new URL(config.baseUrl).host : 'github.com';
  return `${host === 'api.github.com' ? 'github.com' : host}/orgs/${config.org}`;
}
