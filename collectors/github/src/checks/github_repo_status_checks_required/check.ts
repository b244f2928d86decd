import { defineBranchRuleCheck, PROTECTION_PERMISSIONS, type RepositoryFacts } from '../repository-check.js';

const classicOf = (facts: RepositoryFacts) =>
  facts.classic === null || facts.classic === 'not-visible' ? null : facts.classic;

export const githubRepoStatusChecksRequired = defineBranchRuleCheck({
  id: 'github_repo_status_checks_required',
  title: 'Required status checks (CI) must pass before merging to the default branch',
  severity: 'medium',
  controls: [
    {
      id: '8.29',
      relation: 'supports',
      rationale:
        'Automated tests and scans must pass before a change is merged: security testing in development.',
    },
    {
      id: '8.25',
      relation: 'supports',
      rationale: 'CI gates are a step of the secure development life cycle.',
    },
    {
      id: '8.32',
      relation: 'supports',
      rationale: 'Changes are verified before they reach the default branch.',
    },
  ],
  permissions: PROTECTION_PERMISSIONS,
  judge: (facts, resource) =>
    classicOf(facts)?.statusChecks === true || facts.rulesets.ruleTypes.includes('required_status_checks')
      ? { status: 'pass', message: `${resource}: status checks must pass before merging.` }
      : {
          status: 'fail',
          message: `${resource}: nothing requires status checks to pass before merging. Fix: enable "Require status checks to pass before merging" and select the CI checks.`,
        },
});
