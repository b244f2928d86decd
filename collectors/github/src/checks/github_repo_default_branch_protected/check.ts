import { defineBranchRuleCheck, PROTECTION_PERMISSIONS } from '../repository-check.js';

export const githubRepoDefaultBranchProtected = defineBranchRuleCheck({
  id: 'github_repo_default_branch_protected',
  title:
    'The default branch of every in-scope repository is protected (classic protection or an active ruleset)',
  severity: 'high',
  controls: [
    {
      id: '8.32',
      relation: 'satisfies',
      rationale:
        'Changes reach the default branch only through the controlled path that protection enforces: change management.',
    },
    {
      id: '8.4',
      relation: 'supports',
      rationale: 'Protection limits who can write to the source of record: access to source code.',
    },
    {
      id: '8.9',
      relation: 'supports',
      rationale: 'Protection settings are configuration that keeps the repository in its approved state.',
    },
  ],
  permissions: PROTECTION_PERMISSIONS,
  judge: (facts, resource) => ({
    status: 'pass',
    message: `${resource}: the default branch ${facts.defaultBranch ?? ''} is protected by ${
      facts.classic !== null && facts.classic !== 'not-visible'
        ? 'classic branch protection'
        : 'an active ruleset'
    }${facts.classic !== null && facts.classic !== 'not-visible' && facts.rulesets.ruleTypes.length > 0 ? ' and an active ruleset' : ''}.`,
  }),
});
