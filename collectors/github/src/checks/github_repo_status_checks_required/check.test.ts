import { describeProtectionCheck } from '../__fixtures__/protection-check-spec.js';
import { githubRepoStatusChecksRequired } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeProtectionCheck(githubRepoStatusChecksRequired, {
  pass,
  fail,
  rulesetOnly: 'pass',
  failMessage: 'nothing requires status checks',
  controls: ['8.29', '8.25', '8.32'],
});
