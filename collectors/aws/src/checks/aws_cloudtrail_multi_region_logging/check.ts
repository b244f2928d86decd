import { defineCheck } from '@annexa/core';
import { type CloudTrailTrail, cloudtrailTrails } from '../../collectors/cloudtrail-trails.js';
import { judgeEach, listNames } from '../results.js';

const FIX_SELECTORS =
  'record management events, read and write: a classic event selector with IncludeManagementEvents true and ReadWriteType All, or an advanced event selector eventCategory = Management without a readOnly condition';

export const awsCloudtrailMultiRegionLogging = defineCheck({
  id: 'aws_cloudtrail_multi_region_logging',
  title: 'A multi-region CloudTrail trail is logging management events',
  severity: 'high',
  controls: [
    { id: '8.15', relation: 'satisfies', rationale: 'API activity of every region is recorded in a log.' },
    {
      id: '8.16',
      relation: 'supports',
      rationale: 'The activity log is what monitoring and investigation start from.',
    },
  ],
  permissions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'],
  inputs: { trails: cloudtrailTrails },
  evaluate({ trails }) {
    return judgeEach(trails.record.data.accounts, ({ trails: list }, resource) => {
      const logging = list.filter((trail) => trail.multiRegion && trail.isLogging === true);
      const good = logging.filter((trail) => recorded(trail) === 'all');
      if (good.length > 0) {
        return {
          resource,
          status: 'pass',
          message: `${resource} has ${good.length} multi-region trail(s) logging management events (read and write): ${listNames(good.map(describe))}.`,
        };
      }
      const unreadable = logging.filter((trail) => 'failure' in trail.eventSelectors);
      if (unreadable.length > 0) {
        const reasons = unreadable.map((trail) =>
          'failure' in trail.eventSelectors ? `${trail.name}: ${trail.eventSelectors.failure.reason}` : '',
        );
        return {
          resource,
          status: 'not-assessable',
          message: `${resource} has multi-region trail(s) logging whose event selectors could not be read (cloudtrail:GetEventSelectors), so whether they record management events is unknown: ${reasons.join('; ')}`,
        };
      }
      if (logging.length > 0) {
        return {
          resource,
          status: 'fail',
          message: `${resource} has no multi-region trail logging management events, read and write (${listNames(logging.map((trail) => `${trail.name} records ${recordedText(trail)}`))}). Fix: on a multi-region trail, ${FIX_SELECTORS}.`,
        };
      }
      const notLogging = list
        .filter((trail) => trail.multiRegion && trail.isLogging !== true)
        .map((trail) => trail.name);
      return {
        resource,
        status: 'fail',
        message: `${resource} has no multi-region trail that is logging${notLogging.length ? ` (${notLogging.join(', ')} stopped)` : list.length ? ` (only single-region trails: ${list.map((trail) => trail.name).join(', ')})` : ' (no trail at all)'}. Fix: create a multi-region trail (or an organization trail), start logging and ${FIX_SELECTORS}.`,
      };
    });
  },
});

function recorded(trail: CloudTrailTrail): string | null {
  return 'failure' in trail.eventSelectors ? null : trail.eventSelectors.managementEvents;
}

function recordedText(trail: CloudTrailTrail): string {
  const events = recorded(trail);
  return events === 'none' || events === null ? 'no management events' : `${events} management events`;
}

function describe(trail: CloudTrailTrail): string {
  const selectors = trail.eventSelectors;
  return 'failure' in selectors || selectors.excludedSources.length === 0
    ? trail.name
    : `${trail.name} (excluding ${selectors.excludedSources.join(', ')})`;
}
