import { describeProtectionCheck } from '../__fixtures__/protection-check-spec.js';
import { githubRepoStaleReviewsDismissed } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeProtectionCheck(githubRepoStaleReviewsDismissed, {
  pass,
  fail,
  rulesetOnly: 'pass',
  failMessage: 'approvals stay valid',
  controls: ['8.32'],
});
