import type { Evidence } from '@annexa/core';
import type { WorkspaceUserRecord, WorkspaceUsers } from '../collectors/users.js';

/** Users who can sign in and count for the ISMS: in scope, neither suspended nor archived. */
export function activeUsers(users: WorkspaceUsers): WorkspaceUserRecord[] {
  return users.users.filter((user) => user.inScope && user.suspended !== true && user.archived !== true);
}

/** Active super admins, whatever the scope: a super admin out of scope still administers the whole domain. */
export function superAdmins(users: WorkspaceUsers): WorkspaceUserRecord[] {
  return users.users.filter(
    (user) => user.isAdmin === true && user.suspended !== true && user.archived !== true,
  );
}

/** e.g. `workspace/acme.example/users/bob@acme.example`. */
export function userResource(evidence: Evidence<WorkspaceUsers>, email: string): string {
  return `${evidence.record.source}/users/${email}`;
}

/** ` (scope: /Engineering, excluding /Engineering/Contractors)` when a scope applies. */
export function scopeNote(users: WorkspaceUsers): string {
  if (!users.scope) return '';
  const include = users.scope.include ? users.scope.include.join(', ') : 'all units';
  const exclude = users.scope.exclude.length > 0 ? `, excluding ${users.scope.exclude.join(', ')}` : '';
  return ` (scope: ${include}${exclude})`;
}
