import { defineCheck } from '@annexa/core';
import { repositories } from '../../collectors/repositories.js';
import { judgeRepositories } from '../repository-check.js';

export const githubRepoSecretScanningEnabled = defineCheck({
  id: 'github_repo_secret_scanning_enabled',
  title: 'Secret scanning is enabled on every in-scope repository',
  severity: 'high',
  controls: [
    {
      id: '8.12',
      relation: 'supports',
      rationale: 'Secret scanning detects credentials leaked into code: data leakage prevention.',
    },
    {
      id: '5.17',
      relation: 'supports',
      rationale: 'Leaked authentication information is found so it can be revoked.',
    },
  ],
  permissions: [
    'classic token: repo, from an owner or security manager (security_and_analysis is visible only to them and repository admins)',
    'fine-grained token / GitHub App: Administration (repository): read, Metadata: read',
  ],
  inputs: { repositories },
  evaluate: ({ repositories: evidence }) =>
    judgeRepositories(evidence, (facts, resource) =>
      facts.secretScanning === null
        ? {
            status: 'not-assessable',
            message: `security_and_analysis of ${resource} is hidden from this token: use an owner or security-manager token`,
          }
        : facts.secretScanning
          ? { status: 'pass', message: `${resource}: secret scanning is enabled.` }
          : {
              status: 'fail',
              message: `${resource}: secret scanning is disabled. Fix: Settings → Code security → Secret scanning → Enable (private repositories need GitHub Secret Protection / Advanced Security).`,
            },
    ),
});
