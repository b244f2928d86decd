import { defineCheck } from '@annexa/core';
import { iamCredentialReport } from '../../collectors/iam-credential-report.js';
import { judgeEach, listNames } from '../results.js';

export const awsIamConsoleUsersMfa = defineCheck({
  id: 'aws_iam_console_users_mfa',
  title: 'Every IAM user with a console password has MFA',
  severity: 'high',
  controls: [
    {
      id: '8.5',
      relation: 'satisfies',
      rationale: 'Console sign-in requires a second factor for every user with a password.',
    },
    { id: '5.17', relation: 'supports', rationale: 'A leaked password alone does not open the console.' },
  ],
  permissions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  inputs: { report: iamCredentialReport },
  evaluate({ report }) {
    return judgeEach(report.record.data.accounts, ({ rows }, resource) => {
      const consoleUsers = rows.filter((row) => row.passwordEnabled === true);
      const without = consoleUsers.filter((row) => !row.mfaActive).map((row) => row.user);
      if (without.length === 0) {
        return {
          resource,
          status: 'pass',
          message: `All ${consoleUsers.length} console users of ${resource} have MFA.`,
        };
      }
      return {
        resource,
        status: 'fail',
        message: `${without.length} of ${consoleUsers.length} console users of ${resource} have no MFA: ${listNames(without)}. Fix: have each assign an MFA device, and deny actions without aws:MultiFactorAuthPresent.`,
      };
    });
  },
});
