import { describeRepositoryFeatureCheck } from '../__fixtures__/repository-feature-check-spec.js';
import { githubRepoPushProtectionEnabled } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeRepositoryFeatureCheck(githubRepoPushProtectionEnabled, {
  pass,
  fail,
  failMessage: 'push protection is disabled',
  controls: ['8.12', '5.17'],
  hiddenFact: 'pushProtection',
});
