import { describeProtectionCheck } from '../__fixtures__/protection-check-spec.js';
import { githubRepoDefaultBranchProtected } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeProtectionCheck(githubRepoDefaultBranchProtected, {
  pass,
  fail,
  rulesetOnly: 'pass',
  failMessage: 'neither branch protection nor an active ruleset',
  controls: ['8.32', '8.4', '8.9'],
});
