import { describeRepositoryFeatureCheck } from '../__fixtures__/repository-feature-check-spec.js';
import { githubRepoCodeownersPresent } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeRepositoryFeatureCheck(githubRepoCodeownersPresent, {
  pass,
  fail,
  failMessage: 'has no CODEOWNERS file',
  controls: ['5.2', '8.4'],
});
