export { type BackoffTuning, DEFAULT_BACKOFF } from './backoff.js';
export {
  type ActivityApplication,
  type ActivityWindow,
  type ClientTuning,
  createGoogleWorkspaceClient,
  type GoogleWorkspaceClient,
  PAGE_SIZES,
} from './client.js';
export {
  describeGoogleWorkspace,
  GOOGLE_ADMIN_ROOT,
  type GoogleWorkspaceConfig,
  googleWorkspaceConfigSchema,
  type OrgUnitScope,
  orgUnitScopeSchema,
} from './config.js';
export { googleWorkspaceConnector } from './connector.js';
export { GOOGLE_TOKEN_URL } from './recording-fetch.js';
export type {
  WorkspaceActivity,
  WorkspaceRole,
  WorkspaceRoleAssignment,
  WorkspaceUser,
} from './responses.js';
export { GOOGLE_WORKSPACE_SCOPES } from './scopes.js';
