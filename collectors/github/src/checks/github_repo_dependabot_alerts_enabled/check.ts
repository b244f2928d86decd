import { defineCheck } from '@annexa/core';
import { repositories } from '../../collectors/repositories.js';
import { judgeRepositories } from '../repository-check.js';

export const githubRepoDependabotAlertsEnabled = defineCheck({
  id: 'github_repo_dependabot_alerts_enabled',
  title: 'Dependabot alerts are enabled on every in-scope repository',
  severity: 'medium',
  controls: [
    {
      id: '8.8',
      relation: 'supports',
      rationale:
        'Dependabot alerts report known vulnerabilities in dependencies: management of technical vulnerabilities.',
    },
  ],
  permissions: [
    'classic token: repo, from a repository admin or organization owner',
    'fine-grained token / GitHub App: Administration (repository): read',
  ],
  inputs: { repositories },
  evaluate: ({ repositories: evidence }) =>
    judgeRepositories(evidence, (facts, resource) =>
      facts.dependabotAlerts === null
        ? {
            status: 'not-assessable',
            message: `whether Dependabot alerts are on in ${resource} is hidden from this token: it needs administration:read on the repository`,
          }
        : facts.dependabotAlerts
          ? { status: 'pass', message: `${resource}: Dependabot alerts are enabled.` }
          : {
              status: 'fail',
              message: `${resource}: Dependabot alerts are disabled, so vulnerable dependencies go unreported. Fix: Settings → Code security → Dependabot alerts → Enable.`,
            },
    ),
});
