import { defineCheck } from '@annexa/core';
import { guardDutyDetectors } from '../../collectors/guardduty-detectors.js';
import { judgeEach } from '../results.js';

export const awsGuarddutyEnabled = defineCheck({
  id: 'aws_guardduty_enabled',
  title: 'GuardDuty is enabled in every region in scope',
  severity: 'medium',
  controls: [
    { id: '8.16', relation: 'supports', rationale: 'Anomalous activity is detected and reported.' },
    { id: '8.7', relation: 'supports', rationale: 'GuardDuty detects malware and compromised workloads.' },
  ],
  permissions: ['guardduty:ListDetectors', 'guardduty:GetDetector'],
  inputs: { detectors: guardDutyDetectors },
  evaluate({ detectors }) {
    return judgeEach(detectors.record.data.regions, ({ detectors: list }, resource) => {
      if (list.some((detector) => detector.status === 'ENABLED'))
        return { resource, status: 'pass', message: `GuardDuty is enabled in ${resource}.` };
      return {
        resource,
        status: 'fail',
        message: `GuardDuty is not enabled in ${resource}${list.length ? ' (detector suspended)' : ' (no detector)'}. Fix: enable GuardDuty in the region (delegated administrator for an organization).`,
      };
    });
  },
});
