import { describeRepositoryFeatureCheck } from '../__fixtures__/repository-feature-check-spec.js';
import { githubRepoSecretScanningEnabled } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeRepositoryFeatureCheck(githubRepoSecretScanningEnabled, {
  pass,
  fail,
  failMessage: 'secret scanning is disabled',
  controls: ['8.12', '5.17'],
  hiddenFact: 'secretScanning',
});
