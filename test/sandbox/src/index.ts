export { type Faults, faultsSchema } from './faults.js';
export { GITHUB_PREFIX } from './github/fake.js';
export {
  type GeneratedMember,
  type GenerateMembersOptions,
  generateMembers,
} from './github/generate-members.js';
export type { GitHubScenario } from './github/scenario.js';
export { loadScenario, parseScenario, type SandboxScenario, type SandboxWorld } from './scenario.js';
export { scenarioPath } from './scenario-path.js';
export { type RecordedRequest, type Sandbox, type StartSandboxOptions, startSandbox } from './server.js';
