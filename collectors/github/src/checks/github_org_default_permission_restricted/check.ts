import { defineCheck } from '@annexa/core';
import { orgSettings } from '../../collectors/org-settings.js';
import { OWNER_ONLY_SETTING_PERMISSIONS, ownerOnlyFieldHidden } from '../owner-only-setting.js';

export const githubOrgDefaultPermissionRestricted = defineCheck({
  id: 'github_org_default_permission_restricted',
  title: "Members' base permission on the organisation's repositories is read or none",
  severity: 'medium',
  controls: [
    {
      id: '8.3',
      relation: 'supports',
      rationale:
        'Members get write access only where a team grants it, not on every repository: information access restriction.',
    },
    {
      id: '5.15',
      relation: 'supports',
      rationale: 'Least privilege as the default rule of access control.',
    },
  ],
  permissions: OWNER_ONLY_SETTING_PERMISSIONS,
  inputs: { org: orgSettings },
  evaluate({ org }) {
    const resource = org.record.source;
    const permission = org.record.data.default_repository_permission;
    if (permission === null) return [ownerOnlyFieldHidden(resource, 'default_repository_permission')];
    return permission === 'read' || permission === 'none'
      ? [{ resource, status: 'pass', message: `${resource}: members' base permission is ${permission}.` }]
      : [
          {
            resource,
            status: 'fail',
            message: `${resource}: every member has ${permission} access to every repository. Fix: Organization settings → Member privileges → Base permissions → Read (or No permission), and grant write through teams.`,
          },
        ];
  },
});
