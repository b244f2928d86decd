import { defineCheck } from '@annexa/core';
import { repositories } from '../../collectors/repositories.js';
import { judgeRepositories } from '../repository-check.js';

export const githubRepoPushProtectionEnabled = defineCheck({
  id: 'github_repo_push_protection_enabled',
  title: 'Push protection blocks secrets before they reach every in-scope repository',
  severity: 'medium',
  controls: [
    {
      id: '8.12',
      relation: 'supports',
      rationale: 'Push protection stops credentials from being committed at all: data leakage prevention.',
    },
    {
      id: '5.17',
      relation: 'supports',
      rationale: 'Authentication information is kept out of source code.',
    },
  ],
  permissions: [
    'classic token: repo, from an owner or security manager (security_and_analysis is visible only to them and repository admins)',
    'fine-grained token / GitHub App: Administration (repository): read, Metadata: read',
  ],
  inputs: { repositories },
  evaluate: ({ repositories: evidence }) =>
    judgeRepositories(evidence, (facts, resource) =>
      facts.pushProtection === null
        ? {
            status: 'not-assessable',
            message: `security_and_analysis of ${resource} is hidden from this token: use an owner or security-manager token`,
          }
        : facts.pushProtection
          ? { status: 'pass', message: `${resource}: push protection is enabled.` }
          : {
              status: 'fail',
              message: `${resource}: push protection is disabled, so a secret can be pushed. Fix: Settings → Code security → Push protection → Enable.`,
            },
    ),
});
