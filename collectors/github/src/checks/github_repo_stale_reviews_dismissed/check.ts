import { defineBranchRuleCheck, PROTECTION_PERMISSIONS, type RepositoryFacts } from '../repository-check.js';

const classicOf = (facts: RepositoryFacts) =>
  facts.classic === null || facts.classic === 'not-visible' ? null : facts.classic;

export const githubRepoStaleReviewsDismissed = defineBranchRuleCheck({
  id: 'github_repo_stale_reviews_dismissed',
  title: 'New commits dismiss earlier approvals on the default branch',
  severity: 'medium',
  controls: [
    {
      id: '8.32',
      relation: 'supports',
      rationale:
        'An approval covers the change that was reviewed, not later commits pushed after it: change management.',
    },
  ],
  permissions: PROTECTION_PERMISSIONS,
  judge: (facts, resource) =>
    classicOf(facts)?.dismissStaleReviews === true || facts.rulesets.dismissStaleReviews
      ? { status: 'pass', message: `${resource}: new commits dismiss stale approvals.` }
      : {
          status: 'fail',
          message: `${resource}: approvals stay valid after new commits are pushed. Fix: enable "Dismiss stale pull request approvals when new commits are pushed".`,
        },
});
