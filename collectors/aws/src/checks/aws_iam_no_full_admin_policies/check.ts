import { defineCheck } from '@annexa/core';
import { iamAuthorizationDetails } from '../../collectors/iam-authorization-details.js';
import { ADMINISTRATOR_ACCESS } from '../../collectors/policy-document.js';
import { judgeEach, listNames } from '../results.js';

export const awsIamNoFullAdminPolicies = defineCheck({
  id: 'aws_iam_no_full_admin_policies',
  title: 'No custom or inline policy grants "*:*", and no user holds full admin directly',
  severity: 'high',
  controls: [
    {
      id: '8.2',
      relation: 'satisfies',
      rationale:
        'Full administrative rights are granted only through the reviewed AWS AdministratorAccess on groups or roles.',
    },
    {
      id: '5.15',
      relation: 'supports',
      rationale: 'Least privilege: home-made "*:*" policies hide unrestricted access.',
    },
  ],
  permissions: ['iam:GetAccountAuthorizationDetails'],
  inputs: { details: iamAuthorizationDetails },
  evaluate({ details }) {
    return judgeEach(
      details.record.data.accounts,
      ({ users, groups, roles, fullAdminPolicies }, resource) => {
        const custom = fullAdminPolicies.filter((arn) => !ADMINISTRATOR_ACCESS.test(arn));
        const inline = [
          ...users.map((user) => ({ kind: 'user', ...user })),
          ...groups.map((group) => ({ kind: 'group', ...group })),
          ...roles.map((role) => ({ kind: 'role', ...role })),
        ].flatMap((entity) =>
          entity.inlinePolicies
            .filter((policy) => policy.fullAdmin === true)
            .map((policy) => `${entity.kind} ${entity.name}: ${policy.name}`),
        );
        const directUsers = users
          .filter((user) => user.attachedPolicies.some((arn) => fullAdminPolicies.includes(arn)))
          .map((user) => user.name);
        const findings = [
          ...custom.map((arn) => `custom policy ${arn.split('/').pop()}`),
          ...inline.map((name) => `inline ${name}`),
          ...directUsers.map((name) => `user ${name} holds full admin directly`),
        ];
        const admins = [...groups, ...roles]
          .filter((entity) => entity.attachedPolicies.some((arn) => ADMINISTRATOR_ACCESS.test(arn)))
          .map((entity) => entity.name);
        if (findings.length === 0) {
          return {
            resource,
            status: 'pass',
            message: `${resource}: full admin comes only from AdministratorAccess on ${admins.length === 0 ? 'no group or role' : listNames(admins)}.`,
          };
        }
        return {
          resource,
          status: 'fail',
          message: `${resource} grants "*:*" outside reviewed channels: ${listNames(findings)}. Fix: replace custom "*:*" policies with scoped ones; give admins AdministratorAccess through a group or an Identity Center permission set.`,
        };
      },
    );
  },
});
