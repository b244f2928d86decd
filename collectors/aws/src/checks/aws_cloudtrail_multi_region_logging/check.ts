import { defineCheck } from '@annexa/core';
import { cloudtrailTrails } from '../../collectors/cloudtrail-trails.js';
import { judgeEach } from '../results.js';

export const awsCloudtrailMultiRegionLogging = defineCheck({
  id: 'aws_cloudtrail_multi_region_logging',
  title: 'A multi-region CloudTrail trail is logging',
  severity: 'high',
  controls: [
    { id: '8.15', relation: 'satisfies', rationale: 'API activity of every region is recorded in a log.' },
    {
      id: '8.16',
      relation: 'supports',
      rationale: 'The activity log is what monitoring and investigation start from.',
    },
  ],
  permissions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus'],
  inputs: { trails: cloudtrailTrails },
  evaluate({ trails }) {
    return judgeEach(trails.record.data.accounts, ({ trails: list }, resource) => {
      const good = list.filter((trail) => trail.multiRegion && trail.isLogging === true);
      if (good.length > 0) {
        return {
          resource,
          status: 'pass',
          message: `${resource} has ${good.length} multi-region trail(s) logging: ${good.map((trail) => trail.name).join(', ')}.`,
        };
      }
      const notLogging = list
        .filter((trail) => trail.multiRegion && trail.isLogging !== true)
        .map((trail) => trail.name);
      return {
        resource,
        status: 'fail',
        message: `${resource} has no multi-region trail that is logging${notLogging.length ? ` (${notLogging.join(', ')} stopped)` : list.length ? ` (only single-region trails: ${list.map((trail) => trail.name).join(', ')})` : ' (no trail at all)'}. Fix: create a multi-region trail (or an organization trail) and start logging.`,
      };
    });
  },
});
