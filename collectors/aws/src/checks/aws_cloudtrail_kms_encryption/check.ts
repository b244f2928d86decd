import { defineCheck } from '@annexa/core';
import { cloudtrailTrails } from '../../collectors/cloudtrail-trails.js';
import { judgeEach, listNames } from '../results.js';

export const awsCloudtrailKmsEncryption = defineCheck({
  id: 'aws_cloudtrail_kms_encryption',
  title: 'Every logging CloudTrail trail encrypts its logs with a KMS key',
  severity: 'medium',
  controls: [
    {
      id: '8.24',
      relation: 'supports',
      rationale: 'Logs are encrypted with a key whose use is itself controlled and logged.',
    },
    { id: '8.15', relation: 'supports', rationale: 'Only holders of the key can read the logs.' },
  ],
  permissions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus'],
  inputs: { trails: cloudtrailTrails },
  evaluate({ trails }) {
    return judgeEach(trails.record.data.accounts, ({ trails: list }, resource) => {
      const logging = list.filter((trail) => trail.isLogging === true);
      if (logging.length === 0)
        return { resource, status: 'fail', message: `${resource} has no trail that is logging.` };
      const without = logging.filter((trail) => trail.kmsKeyId === null).map((trail) => trail.name);
      if (without.length === 0)
        return {
          resource,
          status: 'pass',
          message: `All ${logging.length} logging trails of ${resource} use SSE-KMS.`,
        };
      return {
        resource,
        status: 'fail',
        message: `Trails of ${resource} without KMS encryption: ${listNames(without)}. Fix: CloudTrail → trail → Edit → Log file SSE-KMS encryption.`,
      };
    });
  },
});
