import { defineCheck } from '@annexa/core';
import { orgAccess } from '../../collectors/org-access.js';

export const githubOrgOwnersLimited = defineCheck({
  id: 'github_org_owners_limited',
  title: 'Few people are organization owners',
  severity: 'medium',
  controls: [
    {
      id: '8.2',
      relation: 'supports',
      rationale:
        'Owners hold full administrative rights over every repository: privileged access must be restricted.',
    },
    {
      id: '5.18',
      relation: 'supports',
      rationale: 'The list of owners is the evidence for reviewing privileged access rights.',
    },
  ],
  permissions: ['classic token: read:org', 'fine-grained token / GitHub App: Members (organization): read'],
  inputs: { access: orgAccess },
  evaluate({ access }) {
    const resource = access.record.source;
    const { owners, memberCount, ownerLimit } = access.record.data;
    // Allowed: the larger of the absolute maximum and the share of members (a 300-person org may have 30).
    const allowed = Math.max(ownerLimit.max, Math.floor((memberCount * ownerLimit.percent) / 100));
    const names = owners.map((owner) => owner.login).join(', ');
    if (owners.length <= allowed) {
      return [
        {
          resource,
          status: 'pass',
          message: `${resource} has ${owners.length} owner${owners.length === 1 ? '' : 's'} of ${memberCount} members (at most ${allowed} allowed): ${names}.`,
        },
      ];
    }
    return [
      {
        resource,
        status: 'fail',
        message: `${resource} has ${owners.length} owners of ${memberCount} members, more than the ${allowed} allowed (max ${ownerLimit.max} or ${ownerLimit.percent}% of members): ${names}. Fix: make the others members and grant admin on the repositories or teams they need.`,
      },
    ];
  },
});
