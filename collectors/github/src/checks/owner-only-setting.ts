import type { ResourceResult } from '@annexa/core';

/** What the checks over organisation settings need: GitHub shows these fields to organization owners only. */
export const OWNER_ONLY_SETTING_PERMISSIONS = [
  'classic token: admin:org (read), from an organization owner (the field is owner-only)',
  'fine-grained token: created by an organization owner; GET /orgs/{org} needs no extra permission',
] as const;

/**
 * The result for an owner-only field that came back absent (recorded as null): GitHub hid it from a token that
 * is not an owner's. Unknown is never a pass.
 */
export function ownerOnlyFieldHidden(resource: string, field: string): ResourceResult<'org'> {
  return {
    resource,
    status: 'not-assessable',
    message: `${field} is visible only to organization owners: use an owner token (admin:org read)`,
  };
}
