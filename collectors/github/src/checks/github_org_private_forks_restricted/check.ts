import { defineCheck } from '@annexa/core';
import { orgSettings } from '../../collectors/org-settings.js';
import { OWNER_ONLY_SETTING_PERMISSIONS, ownerOnlyFieldHidden } from '../owner-only-setting.js';

export const githubOrgPrivateForksRestricted = defineCheck({
  id: 'github_org_private_forks_restricted',
  title: 'Members cannot fork private repositories',
  severity: 'low',
  controls: [
    {
      id: '8.4',
      relation: 'supports',
      rationale:
        'Forks copy private code outside the repository whose access is controlled: access to source code.',
    },
    {
      id: '8.12',
      relation: 'supports',
      rationale: 'Fewer copies of private code leave the organisation: data leakage prevention.',
    },
  ],
  permissions: OWNER_ONLY_SETTING_PERMISSIONS,
  inputs: { org: orgSettings },
  evaluate({ org }) {
    const resource = org.record.source;
    const allowed = org.record.data.members_can_fork_private_repositories;
    if (allowed === null) return [ownerOnlyFieldHidden(resource, 'members_can_fork_private_repositories')];
    return allowed
      ? [
          {
            resource,
            status: 'fail',
            message: `${resource}: members can fork private repositories. Fix: Organization settings → Member privileges → Repository forking → untick "Allow forking of private repositories".`,
          },
        ]
      : [{ resource, status: 'pass', message: `${resource}: private repositories cannot be forked.` }];
  },
});
