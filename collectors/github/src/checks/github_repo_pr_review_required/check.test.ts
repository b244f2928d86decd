import { describeProtectionCheck } from '../__fixtures__/protection-check-spec.js';
import { githubRepoPrReviewRequired } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeProtectionCheck(githubRepoPrReviewRequired, {
  pass,
  fail,
  rulesetOnly: 'pass',
  failMessage: 'without an approving review',
  controls: ['8.32', '8.25', '8.28'],
});
