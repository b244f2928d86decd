import { decideScope, githubConnector } from '@annexa/connector-github';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';

const classicSchema = z
  .object({
    requiredApprovals: z.number().int().nonnegative().nullable(),
    dismissStaleReviews: z.boolean(),
    codeOwnerReviews: z.boolean(),
    statusChecks: z.boolean(),
    adminsEnforced: z.boolean(),
    forcePushesAllowed: z.boolean(),
    deletionsAllowed: z.boolean(),
  })
  .strict();

/** What was observed of an in-scope repository's default branch and security features. */
const factsSchema = z
  .object({
    defaultBranch: z.string().nullable(),
    /** null: no classic protection; `not-visible`: the token cannot administer the repository. */
    classic: z.union([classicSchema, z.literal('not-visible'), z.null()]),
    rulesets: z
      .object({
        ruleTypes: z.array(z.string()),
        requiredApprovals: z.number().int().nonnegative().nullable(),
        dismissStaleReviews: z.boolean(),
        codeOwnerReviews: z.boolean(),
      })
      .strict(),
    codeownersPath: z.string().nullable(),
    /** null: validity not checked (GraphQL has no CODEOWNERS errors field). */
    codeownersErrors: z.number().int().nonnegative().nullable(),
    /** null wherever the token may not see the setting. */
    dependabotAlerts: z.boolean().nullable(),
    secretScanning: z.boolean().nullable(),
    pushProtection: z.boolean().nullable(),
    advancedSecurity: z.boolean().nullable(),
  })
  .strict();

const repositorySchema = z
  .object({
    name: z.string(),
    visibility: z.string(),
    archived: z.boolean(),
    fork: z.boolean(),
    topics: z.array(z.string()),
    inScope: z.boolean(),
    /** Why the repository is in or out of the ISMS scope (clause 4.3). */
    scopeReason: z.string(),
    /** Only in-scope repositories are assessed; out-of-scope ones are listed, never judged. */
    facts: factsSchema.nullable(),
  })
  .strict();

export const repositoriesSchema = z
  .object({
    via: z.enum(['graphql', 'rest']),
    fallbackReason: z.string().nullable(),
    scope: z.object({ include: z.array(z.string()), exclude: z.array(z.string()) }).strict(),
    counts: z
      .object({
        total: z.number().int().nonnegative(),
        inScope: z.number().int().nonnegative(),
        outOfScope: z.number().int().nonnegative(),
      })
      .strict(),
    repositories: z.array(repositorySchema),
  })
  .strict();
export type Repositories = z.infer<typeof repositoriesSchema>;
export type ObservedRepository = Repositories['repositories'][number];

/** Repositories make the secure-development and source-code controls relevant, whatever the SoA says. */
const REPOSITORY_CONTROLS = ['8.4', '8.25', '8.28', '8.32'] as const;

/**
 * Every repository of the organisation, its ISMS scope decision, and for those in scope the default branch's
 * protection (classic or rulesets), CODEOWNERS and security features. Requests: p(R,100) for the list (with
 * `security_and_analysis`), plus p(R,100) GraphQL queries, or 4 REST requests per in-scope repository.
 */
export const repositories = defineCollector({
  id: 'github.repositories',
  version: '1',
  connector: githubConnector,
  title: 'GitHub repositories: ISMS scope, default-branch protection, CODEOWNERS, security features',
  ttl: '24h',
  controls: ['5.2', '8.4', '8.8', '8.9', '8.12', '8.25', '8.28', '8.32'],
  schema: repositoriesSchema,
  async collect(client, { config }) {
    // GraphQL needs nothing from the listing, so both paginate side by side; REST waits for the in-scope list.
    let resolveRefs: (refs: { name: string; defaultBranch: string | null }[]) => void = () => {};
    const refs = new Promise<{ name: string; defaultBranch: string | null }[]>((resolve) => {
      resolveRefs = resolve;
    });
    const branches = client.readDefaultBranches(config.org, refs);
    // If the listing fails first, the protection read must not become an unhandled rejection.
    branches.catch(() => {});
    const listed = [];
    for await (const repository of client.listRepositories(config.org)) {
      const topics = repository.topics ?? [];
      const visibility = repository.visibility ?? (repository.private ? 'private' : 'public');
      const archived = repository.archived ?? false;
      const decision = decideScope({ name: repository.name, visibility, archived, topics }, config.scope);
      listed.push({ repository, topics, visibility, archived, decision });
    }
    const inScope = listed.filter((entry) => entry.decision.inScope);
    resolveRefs(
      inScope.map((entry) => ({
        name: entry.repository.name,
        defaultBranch: entry.repository.default_branch ?? null,
      })),
    );
    const report = await branches;
    const factsByName = new Map(report.repositories.map((facts) => [facts.name.toLowerCase(), facts]));
    const observed = listed.map(({ repository, topics, visibility, archived, decision }) => {
      const branch = decision.inScope ? factsByName.get(repository.name.toLowerCase()) : undefined;
      const security = repository.security_and_analysis ?? {};
      return {
        name: repository.name,
        visibility,
        archived,
        fork: repository.fork,
        topics: [...topics].sort(),
        inScope: decision.inScope,
        scopeReason: decision.reason,
        facts: decision.inScope
          ? {
              defaultBranch: branch?.defaultBranch ?? repository.default_branch ?? null,
              classic: branch ? branch.classic : 'not-visible',
              rulesets: branch?.rulesets ?? {
                ruleTypes: [],
                requiredApprovals: null,
                dismissStaleReviews: false,
                codeOwnerReviews: false,
              },
              codeownersPath: branch?.codeownersPath ?? null,
              codeownersErrors: branch?.codeownersErrors ?? null,
              dependabotAlerts: branch?.dependabotAlerts ?? null,
              secretScanning: security.secret_scanning ?? null,
              pushProtection: security.secret_scanning_push_protection ?? null,
              advancedSecurity: security.advanced_security ?? null,
            }
          : null,
      };
    });
    // Sorted so that the same organisation state always yields the same evidence hash.
    observed.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
    return {
      via: report.via,
      fallbackReason: report.fallbackReason,
      scope: { include: config.scope?.include ?? [], exclude: config.scope?.exclude ?? [] },
      counts: {
        total: observed.length,
        inScope: inScope.length,
        outOfScope: observed.length - inScope.length,
      },
      repositories: observed,
    };
  },
  observesAssets(data) {
    if (data.counts.inScope === 0) return [];
    return [
      {
        controls: [...REPOSITORY_CONTROLS],
        reason: `${data.counts.inScope} ${data.counts.inScope === 1 ? 'repository is' : 'repositories are'} in the ISMS scope`,
      },
    ];
  },
});
