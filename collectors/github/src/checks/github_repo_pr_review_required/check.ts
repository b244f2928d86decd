import { defineBranchRuleCheck, PROTECTION_PERMISSIONS, type RepositoryFacts } from '../repository-check.js';

const classicOf = (facts: RepositoryFacts) =>
  facts.classic === null || facts.classic === 'not-visible' ? null : facts.classic;

export const githubRepoPrReviewRequired = defineBranchRuleCheck({
  id: 'github_repo_pr_review_required',
  title: 'Changes to the default branch need a pull request with at least one approval',
  severity: 'high',
  controls: [
    {
      id: '8.32',
      relation: 'satisfies',
      rationale:
        'A second person approves every change before it reaches the default branch: change management.',
    },
    {
      id: '8.25',
      relation: 'supports',
      rationale: 'Peer review is a step of the secure development life cycle.',
    },
    {
      id: '8.28',
      relation: 'supports',
      rationale: 'Review catches insecure code before it is merged: secure coding.',
    },
  ],
  permissions: PROTECTION_PERMISSIONS,
  judge: (facts, resource) => {
    const approvals = Math.max(
      classicOf(facts)?.requiredApprovals ?? 0,
      facts.rulesets.requiredApprovals ?? 0,
    );
    return approvals >= 1
      ? {
          status: 'pass',
          message: `${resource}: pull requests to the default branch need ${approvals} approval${approvals === 1 ? '' : 's'}.`,
        }
      : {
          status: 'fail',
          message: `${resource}: changes can reach the default branch without an approving review. Fix: require a pull request with at least 1 approval in the branch protection rule or ruleset.`,
        };
  },
});
