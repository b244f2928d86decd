import { describeProtectionCheck } from '../__fixtures__/protection-check-spec.js';
import { githubRepoAdminsEnforced } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

describeProtectionCheck(githubRepoAdminsEnforced, {
  pass,
  fail,
  rulesetOnly: 'not-assessable',
  failMessage: 'administrators can bypass',
  controls: ['8.32', '8.2'],
});
