import { defineBranchRuleCheck, PROTECTION_PERMISSIONS, type RepositoryFacts } from '../repository-check.js';

const classicOf = (facts: RepositoryFacts) =>
  facts.classic === null || facts.classic === 'not-visible' ? null : facts.classic;

export const githubRepoForcePushBlocked = defineBranchRuleCheck({
  id: 'github_repo_force_push_blocked',
  title: 'Force pushes and deletion of the default branch are blocked',
  severity: 'high',
  controls: [
    {
      id: '8.32',
      relation: 'satisfies',
      rationale: 'History of the default branch cannot be rewritten or removed outside change management.',
    },
    {
      id: '8.9',
      relation: 'supports',
      rationale: 'The approved state of the code base cannot be silently replaced.',
    },
  ],
  permissions: PROTECTION_PERMISSIONS,
  judge: (facts, resource) => {
    const classic = classicOf(facts);
    const forcePushBlocked =
      (classic !== null && !classic.forcePushesAllowed) ||
      facts.rulesets.ruleTypes.includes('non_fast_forward');
    const deletionBlocked =
      (classic !== null && !classic.deletionsAllowed) || facts.rulesets.ruleTypes.includes('deletion');
    if (forcePushBlocked && deletionBlocked) {
      return {
        status: 'pass',
        message: `${resource}: force pushes and deletion of the default branch are blocked.`,
      };
    }
    const open = [forcePushBlocked ? '' : 'force pushes', deletionBlocked ? '' : 'deletion']
      .filter(Boolean)
      .join(' and ');
    return {
      status: 'fail',
      message: `${resource}: ${open} of the default branch ${open.includes(' and ') ? 'are' : 'is'} allowed. Fix: turn off "Allow force pushes" and "Allow deletions" (or add the rules "Block force pushes" and "Restrict deletions").`,
    };
  },
});
