export {
  createGitHubClient,
  type GitHubClient,
  type ListMembersOptions,
  OWNER_FILTER_HINT,
} from './client.js';
export { describeGitHub, GITHUB_API, type GitHubConfig, githubConfigSchema } from './config.js';
export { githubConnector } from './connector.js';
export { parseLinkHeader } from './link-header.js';
export type { OctokitTuning } from './octokit.js';
export type { GitHubMember, GitHubOrganization } from './responses.js';
