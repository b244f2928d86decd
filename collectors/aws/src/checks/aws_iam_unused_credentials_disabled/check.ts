import { defineCheck } from '@annexa/core';
import { iamCredentialReport } from '../../collectors/iam-credential-report.js';
import { daysBetween, judgeEach, listNames } from '../results.js';

export const UNUSED_DAYS = 90;

export const awsIamUnusedCredentialsDisabled = defineCheck({
  id: 'aws_iam_unused_credentials_disabled',
  title: `IAM passwords and access keys unused for ${UNUSED_DAYS} days are disabled`,
  severity: 'medium',
  controls: [
    {
      id: '5.18',
      relation: 'satisfies',
      rationale: 'Access rights no longer used are reviewed and removed.',
    },
    {
      id: '5.16',
      relation: 'supports',
      rationale: 'Identities that are not used any more are taken out of the life cycle.',
    },
  ],
  permissions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  inputs: { report: iamCredentialReport },
  evaluate({ report }) {
    return judgeEach(report.record.data.accounts, ({ generatedTime, rows }, resource) => {
      // Unused: last used long ago, or never used although it has existed that long.
      const unused = (lastUsed: string | null, since: string | null) =>
        (daysBetween(lastUsed ?? since, generatedTime) ?? 0) >= UNUSED_DAYS;
      const stale = rows
        .filter((row) => row.user !== '<root_account>')
        .flatMap((row) => [
          ...(row.passwordEnabled === true && unused(row.passwordLastUsed, row.createdAt)
            ? [`${row.user} (password)`]
            : []),
          ...row.accessKeys
            .filter((key) => key.active && unused(key.lastUsed, key.lastRotated))
            .map((key) => `${row.user} (key ${key.slot})`),
        ]);
      if (stale.length === 0) {
        return {
          resource,
          status: 'pass',
          message: `Every enabled password and active key of ${resource} was used in the last ${UNUSED_DAYS} days.`,
        };
      }
      return {
        resource,
        status: 'fail',
        message: `${stale.length} credentials of ${resource} have not been used for ${UNUSED_DAYS} days or more: ${listNames(stale)}. Fix: deactivate them (delete the login profile, deactivate the key), or remove the user.`,
      };
    });
  },
});
