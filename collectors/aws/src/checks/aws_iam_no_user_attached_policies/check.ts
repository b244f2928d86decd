import { defineCheck } from '@annexa/core';
import { iamAuthorizationDetails } from '../../collectors/iam-authorization-details.js';
import { judgeEach, listNames } from '../results.js';

export const awsIamNoUserAttachedPolicies = defineCheck({
  id: 'aws_iam_no_user_attached_policies',
  title: 'IAM users get permissions through groups or roles, not policies attached to them',
  severity: 'low',
  controls: [
    {
      id: '5.15',
      relation: 'supports',
      rationale: 'Access follows roles (groups), so rules apply consistently and can be reviewed.',
    },
    {
      id: '5.18',
      relation: 'supports',
      rationale: 'Rights granted per user are hard to review and to remove.',
    },
  ],
  permissions: ['iam:GetAccountAuthorizationDetails'],
  inputs: { details: iamAuthorizationDetails },
  evaluate({ details }) {
    return judgeEach(details.record.data.accounts, ({ users }, resource) => {
      const direct = users
        .filter((user) => user.attachedPolicies.length > 0 || user.inlinePolicies.length > 0)
        .map((user) => user.name);
      if (direct.length === 0) {
        return {
          resource,
          status: 'pass',
          message: `None of the ${users.length} IAM users of ${resource} has policies attached directly.`,
        };
      }
      return {
        resource,
        status: 'fail',
        message: `${direct.length} IAM users of ${resource} have policies attached directly: ${listNames(direct)}. Fix: put them in groups carrying those policies, then detach and delete the user policies.`,
      };
    });
  },
});
