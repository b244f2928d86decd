import { describeAlertCheck } from '../__fixtures__/alert-check-spec.js';
import { githubRepoDependabotAlertsWithinSla } from './check.js';
import fail from './fail.json' with { type: 'json' };
import notAssessable from './not-assessable.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };
import repositories from './repositories.json' with { type: 'json' };

describeAlertCheck(githubRepoDependabotAlertsWithinSla, {
  pass,
  fail,
  notAssessable,
  repositories,
  failMessage: '1 critical/high Dependabot alert open past the SLA (30 days critical, 60 high): #1',
});
