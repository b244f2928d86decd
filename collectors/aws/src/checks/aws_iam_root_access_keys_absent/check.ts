import { defineCheck } from '@annexa/core';
import { iamAccountSummary } from '../../collectors/iam-account-summary.js';
import { judgeEach } from '../results.js';

export const awsIamRootAccessKeysAbsent = defineCheck({
  id: 'aws_iam_root_access_keys_absent',
  title: 'The AWS root user has no access keys',
  severity: 'critical',
  controls: [
    {
      id: '8.2',
      relation: 'satisfies',
      rationale: 'Root keys are unrestricted privileged access that no MFA protects.',
    },
    {
      id: '5.17',
      relation: 'supports',
      rationale: 'Long-lived root keys are authentication information that should not exist.',
    },
  ],
  permissions: ['iam:GetAccountSummary'],
  inputs: { summary: iamAccountSummary },
  evaluate({ summary }) {
    return judgeEach(summary.record.data.accounts, (map, resource) => {
      const present = map.AccountAccessKeysPresent;
      if (present === 0)
        return { resource, status: 'pass', message: `The root user of ${resource} has no access keys.` };
      if (present === 1) {
        return {
          resource,
          status: 'fail',
          message: `The root user of ${resource} has access keys. Fix: sign in as root → Security credentials → delete the access keys (use IAM roles instead).`,
        };
      }
      return {
        resource,
        status: 'not-assessable',
        message: `GetAccountSummary of ${resource} has no AccountAccessKeysPresent.`,
      };
    });
  },
});
