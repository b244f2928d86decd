export type {
  AlertKind,
  CodeScanningAlert,
  DefaultBranchReport,
  DependabotAlert,
  SecretScanningAlert,
} from './client.js';
export {
  createGitHubClient,
  type GitHubClient,
  type ListMembersOptions,
  OWNER_FILTER_HINT,
} from './client.js';
export { describeGitHub, GITHUB_API, type GitHubConfig, githubConfigSchema } from './config.js';
export { githubConnector } from './connector.js';
export type { ClassicProtection, DefaultBranchFacts, RulesetProtection } from './default-branch.js';
export { parseLinkHeader } from './link-header.js';
export type { OctokitTuning } from './octokit.js';
export type { GitHubMember, GitHubOrganization } from './responses.js';
export { decideScope, globToRegExp, type RepositoryScope, type ScopeDecision, scopeSchema } from './scope.js';
