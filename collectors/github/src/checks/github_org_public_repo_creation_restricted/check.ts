import { defineCheck } from '@annexa/core';
import { orgSettings } from '../../collectors/org-settings.js';
import { OWNER_ONLY_SETTING_PERMISSIONS, ownerOnlyFieldHidden } from '../owner-only-setting.js';

export const githubOrgPublicRepoCreationRestricted = defineCheck({
  id: 'github_org_public_repo_creation_restricted',
  title: 'Members cannot create public repositories',
  severity: 'medium',
  controls: [
    {
      id: '8.4',
      relation: 'supports',
      rationale:
        'Source code cannot be published by any member creating a public repository: access to source code.',
    },
    {
      id: '5.10',
      relation: 'supports',
      rationale: 'Publishing code is an owner decision, in line with acceptable use of information.',
    },
  ],
  permissions: OWNER_ONLY_SETTING_PERMISSIONS,
  inputs: { org: orgSettings },
  evaluate({ org }) {
    const resource = org.record.source;
    const allowed = org.record.data.members_can_create_public_repositories;
    if (allowed === null) return [ownerOnlyFieldHidden(resource, 'members_can_create_public_repositories')];
    return allowed
      ? [
          {
            resource,
            status: 'fail',
            message: `${resource}: any member can create a public repository. Fix: Organization settings → Member privileges → Repository creation → untick Public.`,
          },
        ]
      : [{ resource, status: 'pass', message: `${resource}: only owners can create public repositories.` }];
  },
});
