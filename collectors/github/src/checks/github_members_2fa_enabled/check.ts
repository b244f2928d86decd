import { defineCheck } from '@annexa/core';
import { members2fa } from '../../collectors/members-2fa.js';

export const githubMembers2faEnabled = defineCheck({
  id: 'github_members_2fa_enabled',
  title: 'Every GitHub organization member has two-factor authentication enabled',
  severity: 'high',
  controls: [
    {
      id: '8.5',
      relation: 'satisfies',
      rationale: 'Each member signing in with a second factor is secure authentication, member by member.',
    },
    {
      id: '5.17',
      relation: 'supports',
      rationale: 'A member without 2FA has only a password between a leak and the organisation.',
    },
  ],
  permissions: [
    'classic token: read:org (or admin:org), from an organization owner (filter=2fa_disabled is owner-only)',
    'fine-grained token: organization permission "Members" (read), created by an organization owner',
  ],
  inputs: { members: members2fa },
  evaluate({ members }) {
    const organization = members.record.source;
    const { membersWithout2fa } = members.record.data;
    if (membersWithout2fa.length === 0) {
      return [
        {
          resource: organization,
          status: 'pass',
          message: `Every member of ${organization} has two-factor authentication enabled.`,
        },
      ];
    }
    return membersWithout2fa.map(({ login, id }) => ({
      resource: `${organization}/members/${login}`,
      status: 'fail' as const,
      message:
        `${login} (id ${id}) is a member of ${organization} without two-factor authentication. Fix: ask them to ` +
        'enable it (Settings → Password and authentication), then require it for the organization.',
    }));
  },
});
