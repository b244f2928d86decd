import { defineCheck } from '@annexa/core';
import { iamCredentialReport } from '../../collectors/iam-credential-report.js';
import { daysBetween, judgeEach } from '../results.js';

/** Root used within this many days of the report is a finding: daily work belongs to named identities. */
export const ROOT_RECENT_DAYS = 30;

export const awsIamRootNotRecentlyUsed = defineCheck({
  id: 'aws_iam_root_not_recently_used',
  title: `The AWS root user has not been used in the last ${ROOT_RECENT_DAYS} days`,
  severity: 'medium',
  controls: [
    {
      id: '8.2',
      relation: 'satisfies',
      rationale: 'Privileged access is used through named, restricted identities, not root.',
    },
    {
      id: '5.16',
      relation: 'supports',
      rationale: 'Actions under the shared root identity cannot be tied to a person.',
    },
  ],
  permissions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  inputs: { report: iamCredentialReport },
  evaluate({ report }) {
    return judgeEach(report.record.data.accounts, ({ generatedTime, rows }, resource) => {
      const root = rows.find((row) => row.user === '<root_account>');
      if (!root)
        return {
          resource,
          status: 'not-assessable',
          message: `The credential report of ${resource} has no root row.`,
        };
      const uses = [root.passwordLastUsed, ...root.accessKeys.map((key) => key.lastUsed)].flatMap((used) =>
        used ? [used] : [],
      );
      const latest = uses.sort().at(-1) ?? null;
      const days = daysBetween(latest, generatedTime);
      if (days !== null && days < ROOT_RECENT_DAYS) {
        return {
          resource,
          status: 'fail',
          message: `The root user of ${resource} was used ${days} days before the credential report (${latest}). Fix: use named IAM Identity Center or IAM identities; keep root for the few tasks only root can do.`,
        };
      }
      return {
        resource,
        status: 'pass',
        message: latest
          ? `The root user of ${resource} was last used ${days} days before the report.`
          : `The root user of ${resource} has no recorded use.`,
      };
    });
  },
});
