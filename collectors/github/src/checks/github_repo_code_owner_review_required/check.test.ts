import { describeProtectionCheck } from '../__fixtures__/protection-check-spec.js';
import { githubRepoCodeOwnerReviewRequired } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeProtectionCheck(githubRepoCodeOwnerReviewRequired, {
  pass,
  fail,
  rulesetOnly: 'pass',
  failMessage: 'code-owner review is not required',
  controls: ['8.4', '8.25'],
});
