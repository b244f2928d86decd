import { defineBranchRuleCheck, PROTECTION_PERMISSIONS, type RepositoryFacts } from '../repository-check.js';

const classicOf = (facts: RepositoryFacts) =>
  facts.classic === null || facts.classic === 'not-visible' ? null : facts.classic;

export const githubRepoCodeOwnerReviewRequired = defineBranchRuleCheck({
  id: 'github_repo_code_owner_review_required',
  title: 'Changes to the default branch need a review from the code owners',
  severity: 'medium',
  controls: [
    {
      id: '8.4',
      relation: 'supports',
      rationale:
        'The owners named in CODEOWNERS must approve changes to what they own: access to source code.',
    },
    {
      id: '8.25',
      relation: 'supports',
      rationale:
        'Owner review assigns responsibility for each part of the code in the development life cycle.',
    },
  ],
  permissions: PROTECTION_PERMISSIONS,
  judge: (facts, resource) =>
    classicOf(facts)?.codeOwnerReviews === true || facts.rulesets.codeOwnerReviews
      ? { status: 'pass', message: `${resource}: code owners must approve changes to the files they own.` }
      : {
          status: 'fail',
          message: `${resource}: code-owner review is not required. Fix: enable "Require review from Code Owners" and keep a CODEOWNERS file.`,
        },
});
