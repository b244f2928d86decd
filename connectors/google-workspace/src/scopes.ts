/**
 * The OAuth scopes Annexa asks for: read-only, nothing else. Domain-wide delegation must authorise exactly these
 * (docs/google-workspace.md).
 */
export const GOOGLE_WORKSPACE_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.rolemanagement.readonly',
  'https://www.googleapis.com/auth/admin.reports.audit.readonly',
  'https://www.googleapis.com/auth/admin.reports.usage.readonly',
] as const;
