import { defineCheck } from '@annexa/core';
import { repositories } from '../../collectors/repositories.js';
import { judgeRepositories } from '../repository-check.js';

export const githubRepoCodeownersPresent = defineCheck({
  id: 'github_repo_codeowners_present',
  title: 'Every in-scope repository has a valid CODEOWNERS file',
  severity: 'low',
  controls: [
    {
      id: '5.2',
      relation: 'supports',
      rationale: 'CODEOWNERS names who is responsible for each part of the code: roles and responsibilities.',
    },
    {
      id: '8.4',
      relation: 'supports',
      rationale: 'Owners listed in CODEOWNERS gate changes to what they own: access to source code.',
    },
  ],
  permissions: [
    'classic token: repo (read)',
    'fine-grained token / GitHub App: Contents: read and Metadata: read',
  ],
  inputs: { repositories },
  evaluate: ({ repositories: evidence }) =>
    judgeRepositories(evidence, (facts, resource) => {
      if (facts.codeownersPath === null) {
        return {
          status: 'fail',
          message: `${resource} has no CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS). Fix: add one that names an owner for every path.`,
        };
      }
      if ((facts.codeownersErrors ?? 0) > 0) {
        return {
          status: 'fail',
          message: `${resource}: CODEOWNERS has ${facts.codeownersErrors} error(s) GitHub reports (unknown owners or bad patterns), so those lines assign nobody. Fix: see the repository's CODEOWNERS errors on GitHub.`,
        };
      }
      return {
        status: 'pass',
        message: `${resource} has CODEOWNERS at ${facts.codeownersPath}${facts.codeownersErrors === null ? ' (validity checked only over REST)' : ' without errors'}.`,
      };
    }),
});
