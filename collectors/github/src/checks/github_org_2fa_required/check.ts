import { defineCheck } from '@annexa/core';
import { orgSettings } from '../../collectors/org-settings.js';
import { ownerOnlyFieldHidden } from '../owner-only-setting.js';

export const githubOrg2faRequired = defineCheck({
  id: 'github_org_2fa_required',
  title: 'The GitHub organization requires two-factor authentication',
  severity: 'high',
  controls: [
    {
      id: '8.5',
      relation: 'satisfies',
      rationale: 'GitHub enforces a second factor at sign-in for every member: secure authentication.',
    },
    {
      id: '5.17',
      relation: 'supports',
      rationale:
        'A required second factor protects members whose password (authentication information) leaks.',
    },
  ],
  permissions: [
    'classic token: admin:org (read), from an organization owner (two_factor_requirement_enabled is owner-only)',
    'fine-grained token: created by an organization owner; GitHub lists no extra permission for GET /orgs/{org}',
  ],
  inputs: { org: orgSettings },
  evaluate({ org }) {
    const resource = org.record.source;
    const required = org.record.data.two_factor_requirement_enabled;
    if (required === true) {
      return [
        {
          resource,
          status: 'pass',
          message: `${resource} requires two-factor authentication for all members.`,
        },
      ];
    }
    if (required === false) {
      return [
        {
          resource,
          status: 'fail',
          message:
            `${resource} does not require two-factor authentication. Fix: Organization settings → Authentication ` +
            'security → Require two-factor authentication for everyone in the organization (members without 2FA ' +
            'are removed, so ask them to enable it first).',
        },
      ];
    }
    return [ownerOnlyFieldHidden(resource, 'two_factor_requirement_enabled')];
  },
});
