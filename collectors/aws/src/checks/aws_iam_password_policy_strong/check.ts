import { defineCheck } from '@annexa/core';
import { iamPasswordPolicy } from '../../collectors/iam-password-policy.js';
import { judgeEach } from '../results.js';

/** CIS AWS Foundations 1.8 and 1.9: the usual auditor's yardstick; ISO 27001 itself sets no number. */
export const MIN_LENGTH = 14;
export const MIN_REUSE_PREVENTION = 24;

export const awsIamPasswordPolicyStrong = defineCheck({
  id: 'aws_iam_password_policy_strong',
  title: `The IAM password policy requires ${MIN_LENGTH}+ characters and prevents reuse of the last ${MIN_REUSE_PREVENTION}`,
  severity: 'medium',
  controls: [
    {
      id: '5.17',
      relation: 'satisfies',
      rationale: 'The quality of authentication information (passwords) is enforced by policy.',
    },
  ],
  permissions: ['iam:GetAccountPasswordPolicy'],
  inputs: { policy: iamPasswordPolicy },
  evaluate({ policy }) {
    return judgeEach(policy.record.data.accounts, ({ policy: settings }, resource) => {
      if (settings === null) {
        return {
          resource,
          status: 'fail',
          message: `${resource} has no custom password policy (AWS then accepts 8 characters and any reuse). Fix: IAM → Account settings → Password policy: length ≥ ${MIN_LENGTH}, prevent reuse of ${MIN_REUSE_PREVENTION}.`,
        };
      }
      const length = Number(settings.MinimumPasswordLength ?? 0);
      const reuse = Number(settings.PasswordReusePrevention ?? 0);
      const gaps = [
        ...(length < MIN_LENGTH ? [`minimum length ${length} (needs ${MIN_LENGTH})`] : []),
        ...(reuse < MIN_REUSE_PREVENTION
          ? [`reuse prevention ${reuse} (needs ${MIN_REUSE_PREVENTION})`]
          : []),
      ];
      if (gaps.length === 0) {
        return {
          resource,
          status: 'pass',
          message: `The password policy of ${resource} requires ${length} characters and prevents reuse of ${reuse}.`,
        };
      }
      return {
        resource,
        status: 'fail',
        message: `The password policy of ${resource} is weak: ${gaps.join('; ')}. Fix: IAM → Account settings → Password policy.`,
      };
    });
  },
});
