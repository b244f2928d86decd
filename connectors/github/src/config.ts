import { z } from 'zod';

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
  })
  .strict();

export type GitHubConfig = z.infer<typeof githubConfigSchema>;

export const GITHUB_API = 'https://api.github.com';

/** `github.com/orgs/acme`, or `<host>/orgs/acme` on GitHub Enterprise Server. */
export function describeGitHub(config: Pick<GitHubConfig, 'org' | 'baseUrl'>): string {
  const host = config.baseUrl ? new URL(config.baseUrl).host : 'github.com';
  return `${host === 'api.github.com' ? 'github.com' : host}/orgs/${config.org}`;
}
