import { defineCheck, type ResourceResult } from '@annexa/core';
import { iamAuthorizationDetails } from '../../collectors/iam-authorization-details.js';
import { iamCredentialReport } from '../../collectors/iam-credential-report.js';
import { listNames, resourceOf } from '../results.js';

export const awsIamPrivilegedUsersMfa = defineCheck({
  id: 'aws_iam_privileged_users_mfa',
  title: 'Every IAM user with full admin rights has MFA',
  severity: 'high',
  controls: [
    {
      id: '8.2',
      relation: 'satisfies',
      rationale: 'Privileged identities are protected by a second factor.',
    },
    { id: '8.5', relation: 'supports', rationale: 'Secure authentication where a compromise costs most.' },
  ],
  permissions: [
    'iam:GetAccountAuthorizationDetails',
    'iam:GenerateCredentialReport',
    'iam:GetCredentialReport',
  ],
  inputs: { details: iamAuthorizationDetails, report: iamCredentialReport },
  evaluate({ details, report }) {
    const reports = new Map(report.record.data.accounts.map((entry) => [entry.account, entry]));
    return details.record.data.accounts.map((entry): ResourceResult<'details' | 'report'> => {
      const resource = resourceOf(entry.account);
      const reportEntry = reports.get(entry.account);
      const failed =
        'failure' in entry
          ? entry.failure
          : reportEntry && 'failure' in reportEntry
            ? reportEntry.failure
            : undefined;
      if (failed || !reportEntry || !('data' in reportEntry) || !('data' in entry)) {
        return {
          resource,
          status: 'not-assessable',
          message: `${resource} could not be assessed: ${failed?.reason ?? 'no credential report for the account'}`,
        };
      }
      const { users, groups, fullAdminPolicies } = entry.data;
      const isAdmin = (entity: {
        attachedPolicies: string[];
        inlinePolicies: { fullAdmin: boolean | null }[];
      }) =>
        entity.attachedPolicies.some((arn) => fullAdminPolicies.includes(arn)) ||
        entity.inlinePolicies.some((policy) => policy.fullAdmin === true);
      const adminGroups = new Set(groups.filter(isAdmin).map((group) => group.name));
      const admins = users
        .filter((user) => isAdmin(user) || user.groups.some((group) => adminGroups.has(group)))
        .map((user) => user.name);
      const mfa = new Map(reportEntry.data.rows.map((row) => [row.user, row.mfaActive]));
      const without = admins.filter((name) => mfa.get(name) !== true);
      if (without.length === 0) {
        return {
          resource,
          status: 'pass',
          message: `All ${admins.length} IAM users of ${resource} with full admin rights have MFA.`,
        };
      }
      return {
        resource,
        status: 'fail',
        message: `${without.length} of ${admins.length} IAM users of ${resource} with full admin rights have no MFA: ${listNames(without)}. Fix: assign them MFA devices, or move admins to IAM Identity Center.`,
      };
    });
  },
});
