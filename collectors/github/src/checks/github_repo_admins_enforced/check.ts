import { defineBranchRuleCheck, PROTECTION_PERMISSIONS, type RepositoryFacts } from '../repository-check.js';

const classicOf = (facts: RepositoryFacts) =>
  facts.classic === null || facts.classic === 'not-visible' ? null : facts.classic;

export const githubRepoAdminsEnforced = defineBranchRuleCheck({
  id: 'github_repo_admins_enforced',
  title: 'Branch protection applies to administrators too',
  severity: 'medium',
  controls: [
    {
      id: '8.32',
      relation: 'supports',
      rationale: 'No one, administrators included, bypasses the change-management path.',
    },
    {
      id: '8.2',
      relation: 'supports',
      rationale: 'Privileged users get no silent exception from the rules.',
    },
  ],
  permissions: PROTECTION_PERMISSIONS,
  judge: (facts, resource) => {
    const classic = classicOf(facts);
    if (classic?.adminsEnforced === true) {
      return { status: 'pass', message: `${resource}: branch protection applies to administrators.` };
    }
    if (facts.rulesets.ruleTypes.length > 0) {
      return {
        status: 'not-assessable',
        message: `${resource} is protected by a ruleset, which applies to administrators unless they are bypass actors; Annexa does not read bypass lists yet: review them in Settings → Rules.`,
      };
    }
    return {
      status: 'fail',
      message: `${resource}: administrators can bypass the branch protection. Fix: enable "Do not allow bypassing the above settings" (enforce for administrators).`,
    };
  },
});
