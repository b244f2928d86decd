import { defineCheck } from '@annexa/core';
import { iamAccountSummary } from '../../collectors/iam-account-summary.js';
import { judgeEach } from '../results.js';

export const awsIamRootMfaEnabled = defineCheck({
  id: 'aws_iam_root_mfa_enabled',
  title: 'The AWS root user has MFA enabled',
  severity: 'critical',
  controls: [
    {
      id: '8.5',
      relation: 'satisfies',
      rationale: 'The most privileged identity of the account signs in with a second factor.',
    },
    {
      id: '8.2',
      relation: 'supports',
      rationale: 'Root is unrestricted privileged access: MFA protects it.',
    },
  ],
  permissions: ['iam:GetAccountSummary'],
  inputs: { summary: iamAccountSummary },
  evaluate({ summary }) {
    return judgeEach(summary.record.data.accounts, (map, resource) => {
      const enabled = map.AccountMFAEnabled;
      if (enabled === 1)
        return { resource, status: 'pass', message: `The root user of ${resource} has MFA enabled.` };
      if (enabled === 0) {
        return {
          resource,
          status: 'fail',
          message: `The root user of ${resource} has no MFA device. Fix: sign in as root → Security credentials → Assign MFA device (a hardware key for root).`,
        };
      }
      return {
        resource,
        status: 'not-assessable',
        message: `GetAccountSummary of ${resource} has no AccountMFAEnabled.`,
      };
    });
  },
});
