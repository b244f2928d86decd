import { describeAlertCheck } from '../__fixtures__/alert-check-spec.js';
import { githubRepoSecretAlertsResolved } from './check.js';
import fail from './fail.json' with { type: 'json' };
import notAssessable from './not-assessable.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };
import repositories from './repositories.json' with { type: 'json' };

describeAlertCheck(githubRepoSecretAlertsResolved, {
  pass,
  fail,
  notAssessable,
  repositories,
  failMessage: '1 open secret-scanning alert (github_personal_access_token): #7',
});
