import { defineCheck } from '@annexa/core';
import { iamCredentialReport } from '../../collectors/iam-credential-report.js';
import { daysBetween, judgeEach, listNames } from '../results.js';

export const MAX_KEY_AGE_DAYS = 90;

export const awsIamAccessKeysRotated = defineCheck({
  id: 'aws_iam_access_keys_rotated',
  title: `Active IAM access keys are younger than ${MAX_KEY_AGE_DAYS} days`,
  severity: 'medium',
  controls: [
    { id: '5.17', relation: 'satisfies', rationale: 'Authentication information (access keys) is rotated.' },
  ],
  permissions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  inputs: { report: iamCredentialReport },
  evaluate({ report }) {
    return judgeEach(report.record.data.accounts, ({ generatedTime, rows }, resource) => {
      const old = rows.flatMap((row) =>
        row.accessKeys
          .filter(
            (key) => key.active && (daysBetween(key.lastRotated, generatedTime) ?? 0) > MAX_KEY_AGE_DAYS,
          )
          .map((key) => `${row.user} (key ${key.slot}, ${daysBetween(key.lastRotated, generatedTime)} days)`),
      );
      const active = rows.reduce((sum, row) => sum + row.accessKeys.filter((key) => key.active).length, 0);
      if (old.length === 0) {
        return {
          resource,
          status: 'pass',
          message: `All ${active} active access keys of ${resource} are under ${MAX_KEY_AGE_DAYS} days old.`,
        };
      }
      return {
        resource,
        status: 'fail',
        message: `${old.length} active access keys of ${resource} are over ${MAX_KEY_AGE_DAYS} days old: ${listNames(old)}. Fix: create a new key, move its users over, deactivate and delete the old one (or replace keys with roles).`,
      };
    });
  },
});
