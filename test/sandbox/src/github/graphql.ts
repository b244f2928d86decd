import type { RepoIndex, Routed } from './repo-routes.js';
import type { GitHubRepo, GitHubWorld } from './scenario.js';

/**
 * A GraphQL executor for the one query shape Annexa sends (organization → repositories → default branch
 * protection, ruleset rules, CODEOWNERS, Dependabot alerts). It is not a GraphQL engine: it recognises the
 * shape, reads `$org` and `$after`, and answers the way GitHub does (HTTP 200, `data` or `errors`).
 */
export function executeGraphql(
  body: string | undefined,
  owner: boolean,
  world: GitHubWorld,
  index: RepoIndex,
): Routed {
  let parsed: { query?: unknown; variables?: Record<string, unknown> };
  try {
    parsed = JSON.parse(body ?? '') as typeof parsed;
  } catch {
    return {
      status: 400,
      body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' },
    };
  }
  const query = typeof parsed.query === 'string' ? parsed.query : '';
  if (!/^\s*query\b/.test(query) || !/repositories\(first: 100/.test(query)) {
    return graphqlError('This sandbox answers only the repositories query Annexa sends', 'undefinedField');
  }
  if (!world.features.graphqlRulesets && /\brules\(first:/.test(query)) {
    // What a GHES release without rulesets in its schema answers.
    return graphqlError("Field 'rules' doesn't exist on type 'Ref'", 'undefinedField');
  }
  const org = typeof parsed.variables?.org === 'string' ? parsed.variables.org : '';
  if (org.toLowerCase() !== world.org.login.toLowerCase()) {
    return {
      status: 200,
      body: {
        data: { organization: null },
        errors: [
          {
            type: 'NOT_FOUND',
            path: ['organization'],
            message: `Could not resolve to an Organization with the login of '${org}'.`,
          },
        ],
      },
    };
  }
  const after = typeof parsed.variables?.after === 'string' ? decodeCursor(parsed.variables.after) : 0;
  const page = index.sorted.slice(after, after + 100);
  const end = after + page.length;
  return {
    status: 200,
    body: {
      data: {
        organization: {
          repositories: {
            pageInfo: {
              hasNextPage: end < index.sorted.length,
              endCursor: page.length > 0 ? encodeCursor(end) : null,
            },
            nodes: page.map(({ repo }) => repositoryNode(repo, owner)),
          },
        },
      },
    },
  };
}

function repositoryNode(repo: GitHubRepo, owner: boolean) {
  const classic = repo.classic;
  const codeowners = (path: string) =>
    repo.codeowners !== 'missing' && repo.codeownersPath === path ? { __typename: 'Blob' } : null;
  return {
    name: repo.name,
    viewerCanAdminister: owner,
    // Non-admins see null rather than false here (unverified, and the safe reading for a collector).
    hasVulnerabilityAlertsEnabled: owner ? repo.dependabotAlerts : null,
    defaultBranchRef: {
      name: repo.defaultBranch,
      branchProtectionRule:
        owner && classic
          ? {
              requiresApprovingReviews: classic.requiredApprovals !== null,
              requiredApprovingReviewCount: classic.requiredApprovals,
              dismissesStaleReviews: classic.dismissStaleReviews,
              requiresCodeOwnerReviews: classic.codeOwnerReviews,
              requiresStatusChecks: classic.statusChecks,
              isAdminEnforced: classic.adminsEnforced,
              allowsForcePushes: classic.forcePushesAllowed,
              allowsDeletions: classic.deletionsAllowed,
            }
          : null,
      rules: {
        nodes: repo.rulesets.map((rule) => ({
          type: rule.type.toUpperCase(),
          parameters:
            rule.type === 'pull_request'
              ? {
                  requiredApprovingReviewCount: rule.requiredApprovals,
                  dismissStaleReviewsOnPush: rule.dismissStaleReviews,
                  requireCodeOwnerReview: rule.codeOwnerReviews,
                }
              : null,
        })),
      },
    },
    codeownersGithub: codeowners('.github/CODEOWNERS'),
    codeownersRoot: codeowners('CODEOWNERS'),
    codeownersDocs: codeowners('docs/CODEOWNERS'),
  };
}

function graphqlError(message: string, code: string): Routed {
  return {
    status: 200,
    body: { errors: [{ message, extensions: { code }, locations: [{ line: 1, column: 1 }] }] },
  };
}

const encodeCursor = (offset: number) => Buffer.from(`cursor:v2:${offset}`).toString('base64');

function decodeCursor(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : 0;
}
