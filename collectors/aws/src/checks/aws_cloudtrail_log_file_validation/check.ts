import { defineCheck } from '@annexa/core';
import { cloudtrailTrails } from '../../collectors/cloudtrail-trails.js';
import { judgeEach, listNames } from '../results.js';

export const awsCloudtrailLogFileValidation = defineCheck({
  id: 'aws_cloudtrail_log_file_validation',
  title: 'Every logging CloudTrail trail has log file validation',
  severity: 'medium',
  controls: [
    {
      id: '8.15',
      relation: 'satisfies',
      rationale: 'Signed digest files protect the logs against tampering.',
    },
    { id: '5.28', relation: 'supports', rationale: 'Validated logs can serve as evidence.' },
  ],
  permissions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus'],
  inputs: { trails: cloudtrailTrails },
  evaluate({ trails }) {
    return judgeEach(trails.record.data.accounts, ({ trails: list }, resource) => {
      const logging = list.filter((trail) => trail.isLogging === true);
      if (logging.length === 0)
        return {
          resource,
          status: 'fail',
          message: `${resource} has no trail that is logging, so no validated log.`,
        };
      const without = logging.filter((trail) => !trail.logFileValidation).map((trail) => trail.name);
      if (without.length === 0)
        return {
          resource,
          status: 'pass',
          message: `All ${logging.length} logging trails of ${resource} validate their log files.`,
        };
      return {
        resource,
        status: 'fail',
        message: `Trails of ${resource} without log file validation: ${listNames(without)}. Fix: CloudTrail → trail → Edit → Log file validation: enabled.`,
      };
    });
  },
});
