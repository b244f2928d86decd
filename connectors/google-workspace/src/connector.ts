import { defineConnector } from '@annexa/core';
import { createGoogleWorkspaceClient, type GoogleWorkspaceClient } from './client.js';
import {
  describeGoogleWorkspace,
  type GoogleWorkspaceConfig,
  googleWorkspaceConfigSchema,
} from './config.js';

/** Google Workspace (Admin SDK Directory and Reports APIs): a read-only client for one customer. */
export const googleWorkspaceConnector = defineConnector<
  'google-workspace',
  GoogleWorkspaceConfig,
  GoogleWorkspaceClient
>({
  type: 'google-workspace',
  config: googleWorkspaceConfigSchema,
  secretKeys: ['accessToken'],
  pathKeys: ['serviceAccountKeyFile', 'people'],
  describe: describeGoogleWorkspace,
  create: (config, context) => createGoogleWorkspaceClient(config, context),
});
