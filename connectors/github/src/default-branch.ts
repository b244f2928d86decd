import { z } from 'zod';
import type { branchProtectionSchema, branchRuleSchema } from './responses.js';

/** Classic branch protection of a default branch, as both APIs report it. */
// A type alias, not an interface: collectors store it as JSON evidence.
export type ClassicProtection = {
  /** Approvals a pull request needs; null when pull-request reviews are not required at all. */
  requiredApprovals: number | null;
  dismissStaleReviews: boolean;
  codeOwnerReviews: boolean;
  statusChecks: boolean;
  adminsEnforced: boolean;
  forcePushesAllowed: boolean;
  deletionsAllowed: boolean;
};

/** The active ruleset rules (repository or organisation level) that apply to the default branch. */
// A type alias, not an interface: collectors store it as JSON evidence.
export type RulesetProtection = {
  /** Rule types in REST spelling, sorted: `deletion`, `non_fast_forward`, `pull_request`, ... */
  ruleTypes: string[];
  /** From the strictest `pull_request` rule; null when no such rule applies. */
  requiredApprovals: number | null;
  dismissStaleReviews: boolean;
  codeOwnerReviews: boolean;
};

/** What Annexa knows of one repository's default branch and review set-up. */
// A type alias, not an interface: collectors store it as JSON evidence.
export type DefaultBranchFacts = {
  name: string;
  defaultBranch: string | null;
  /** Null when the token cannot administer the repository: GitHub hides classic protection then. */
  classic: ClassicProtection | null | 'not-visible';
  rulesets: RulesetProtection;
  /** Where CODEOWNERS was found (null: nowhere GitHub looks). */
  codeownersPath: string | null;
  /** Syntax errors GitHub reports in CODEOWNERS; null when not checked (GraphQL has no errors field). */
  codeownersErrors: number | null;
  /** Dependabot alerts on; null when not visible to the token. */
  dependabotAlerts: boolean | null;
};

/**
 * One query reads, for 100 repositories at a time, the default branch's classic protection rule, the active
 * ruleset rules that apply to it, CODEOWNERS in the three places GitHub looks, and whether Dependabot alerts are
 * on: ⌈R/100⌉ requests instead of 3–4 a repository over REST (docs/decisions/002-github-graphql.md).
 */
export const DEFAULT_BRANCH_QUERY = `query AnnexaDefaultBranches($org: String!, $after: String) {
  organization(login: $org) {
    repositories(first: 100, after: $after, orderBy: { field: NAME, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        name
        viewerCanAdminister
        hasVulnerabilityAlertsEnabled
        defaultBranchRef {
          name
          branchProtectionRule {
            requiresApprovingReviews
            requiredApprovingReviewCount
            dismissesStaleReviews
            requiresCodeOwnerReviews
            requiresStatusChecks
            isAdminEnforced
            allowsForcePushes
            allowsDeletions
          }
          rules(first: 50) {
            nodes {
              type
              parameters {
                ... on PullRequestParameters {
                  requiredApprovingReviewCount
                  dismissStaleReviewsOnPush
                  requireCodeOwnerReview
                }
              }
            }
          }
        }
        codeownersGithub: object(expression: "HEAD:.github/CODEOWNERS") { __typename }
        codeownersRoot: object(expression: "HEAD:CODEOWNERS") { __typename }
        codeownersDocs: object(expression: "HEAD:docs/CODEOWNERS") { __typename }
      }
    }
  }
}`;

const present = z.object({ __typename: z.string() }).nullable();

export const defaultBranchPageSchema = z.object({
  organization: z
    .object({
      repositories: z.object({
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
        nodes: z.array(
          z.object({
            name: z.string(),
            viewerCanAdminister: z.boolean(),
            hasVulnerabilityAlertsEnabled: z.boolean().nullable(),
            defaultBranchRef: z
              .object({
                name: z.string(),
                branchProtectionRule: z
                  .object({
                    requiresApprovingReviews: z.boolean(),
                    requiredApprovingReviewCount: z.number().int().nullable(),
                    dismissesStaleReviews: z.boolean(),
                    requiresCodeOwnerReviews: z.boolean(),
                    requiresStatusChecks: z.boolean(),
                    isAdminEnforced: z.boolean(),
                    allowsForcePushes: z.boolean(),
                    allowsDeletions: z.boolean(),
                  })
                  .nullable(),
                rules: z
                  .object({
                    nodes: z.array(
                      z.object({
                        type: z.string(),
                        parameters: z
                          .object({
                            requiredApprovingReviewCount: z.number().int().optional(),
                            dismissStaleReviewsOnPush: z.boolean().optional(),
                            requireCodeOwnerReview: z.boolean().optional(),
                          })
                          .nullable(),
                      }),
                    ),
                  })
                  .nullable(),
              })
              .nullable(),
            codeownersGithub: present,
            codeownersRoot: present,
            codeownersDocs: present,
          }),
        ),
      }),
    })
    .nullable(),
});
export type DefaultBranchPage = z.output<typeof defaultBranchPageSchema>;
type GraphqlRepository = NonNullable<DefaultBranchPage['organization']>['repositories']['nodes'][number];

export function factsFromGraphql(node: GraphqlRepository): DefaultBranchFacts {
  const ref = node.defaultBranchRef;
  const rule = ref?.branchProtectionRule ?? null;
  const classic: DefaultBranchFacts['classic'] = rule
    ? {
        requiredApprovals: rule.requiresApprovingReviews ? (rule.requiredApprovingReviewCount ?? 0) : null,
        // Without required reviews these two settings have no effect; REST omits them then, so both read false.
        dismissStaleReviews: rule.requiresApprovingReviews && rule.dismissesStaleReviews,
        codeOwnerReviews: rule.requiresApprovingReviews && rule.requiresCodeOwnerReviews,
        statusChecks: rule.requiresStatusChecks,
        adminsEnforced: rule.isAdminEnforced,
        forcePushesAllowed: rule.allowsForcePushes,
        deletionsAllowed: rule.allowsDeletions,
      }
    : node.viewerCanAdminister
      ? null
      : 'not-visible';
  const rules = (ref?.rules?.nodes ?? []).map((entry) => ({
    // GraphQL spells rule types PULL_REQUEST; REST pull_request. Evidence uses the REST spelling.
    type: entry.type.toLowerCase(),
    parameters: {
      ...(entry.parameters?.requiredApprovingReviewCount === undefined
        ? {}
        : { required_approving_review_count: entry.parameters.requiredApprovingReviewCount }),
      ...(entry.parameters?.dismissStaleReviewsOnPush === undefined
        ? {}
        : { dismiss_stale_reviews_on_push: entry.parameters.dismissStaleReviewsOnPush }),
      ...(entry.parameters?.requireCodeOwnerReview === undefined
        ? {}
        : { require_code_owner_review: entry.parameters.requireCodeOwnerReview }),
    },
  }));
  const codeownersPath = node.codeownersGithub
    ? '.github/CODEOWNERS'
    : node.codeownersRoot
      ? 'CODEOWNERS'
      : node.codeownersDocs
        ? 'docs/CODEOWNERS'
        : null;
  return {
    name: node.name,
    defaultBranch: ref?.name ?? null,
    classic,
    rulesets: rulesetFacts(rules),
    codeownersPath,
    codeownersErrors: null,
    dependabotAlerts: node.hasVulnerabilityAlertsEnabled,
  };
}

export function classicFromRest(body: z.output<typeof branchProtectionSchema>): ClassicProtection {
  const reviews = body.required_pull_request_reviews ?? null;
  return {
    requiredApprovals: reviews ? (reviews.required_approving_review_count ?? 0) : null,
    dismissStaleReviews: reviews?.dismiss_stale_reviews ?? false,
    codeOwnerReviews: reviews?.require_code_owner_reviews ?? false,
    statusChecks: body.required_status_checks != null,
    adminsEnforced: body.enforce_admins?.enabled ?? false,
    forcePushesAllowed: body.allow_force_pushes?.enabled ?? false,
    deletionsAllowed: body.allow_deletions?.enabled ?? false,
  };
}

export function rulesetFacts(rules: readonly z.output<typeof branchRuleSchema>[]): RulesetProtection {
  const pullRequests = rules.filter((rule) => rule.type === 'pull_request');
  return {
    ruleTypes: [...new Set(rules.map((rule) => rule.type))].sort(),
    requiredApprovals:
      pullRequests.length === 0
        ? null
        : Math.max(...pullRequests.map((rule) => rule.parameters?.required_approving_review_count ?? 0)),
    dismissStaleReviews: pullRequests.some((rule) => rule.parameters?.dismiss_stale_reviews_on_push === true),
    codeOwnerReviews: pullRequests.some((rule) => rule.parameters?.require_code_owner_review === true),
  };
}
