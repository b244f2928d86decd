import { describeProtectionCheck } from '../__fixtures__/protection-check-spec.js';
import { githubRepoForcePushBlocked } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeProtectionCheck(githubRepoForcePushBlocked, {
  pass,
  fail,
  rulesetOnly: 'pass',
  failMessage: 'force pushes of the default branch is allowed',
  controls: ['8.32', '8.9'],
});
