import { describeRepositoryFeatureCheck } from '../__fixtures__/repository-feature-check-spec.js';
import { githubRepoDependabotAlertsEnabled } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeRepositoryFeatureCheck(githubRepoDependabotAlertsEnabled, {
  pass,
  fail,
  failMessage: 'Dependabot alerts are disabled',
  controls: ['8.8'],
  hiddenFact: 'dependabotAlerts',
});
