import { defineConnector } from '@annexa/core';
import { createGitHubClient, type GitHubClient } from './client.js';
import { describeGitHub, type GitHubConfig, githubConfigSchema } from './config.js';

/** GitHub (github.com or Enterprise Server): a read-only, rate-limited client for one organisation. */
export const githubConnector = defineConnector<'github', GitHubConfig, GitHubClient>({
  type: 'github',
  config: githubConfigSchema,
  secretKeys: ['token'],
  pathKeys: ['app.privateKeyFile'],
  describe: describeGitHub,
  create: (config, context) => createGitHubClient(config, context),
});
