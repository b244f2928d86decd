import { describeAlertCheck } from '../__fixtures__/alert-check-spec.js';
import { githubRepoCodeScanningAlertsResolved } from './check.js';
import fail from './fail.json' with { type: 'json' };
import notAssessable from './not-assessable.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };
import repositories from './repositories.json' with { type: 'json' };

describeAlertCheck(githubRepoCodeScanningAlertsResolved, {
  pass,
  fail,
  notAssessable,
  repositories,
  failMessage: '1 open critical/high code-scanning alert: #4',
});
