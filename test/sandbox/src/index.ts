export { CREDENTIAL_REPORT_COLUMNS } from './aws/credential-report.js';
export { ALL_REGIONS, type AwsScenario, type AwsWorld } from './aws/scenario.js';
export { type AwsFaults, type AwsRecordedCall, type AwsSandbox, startAwsFake } from './aws/server.js';
export { type Faults, faultsSchema } from './faults.js';
export { GITHUB_PREFIX } from './github/fake.js';
export {
  type GeneratedMember,
  type GenerateMembersOptions,
  generateMembers,
} from './github/generate-members.js';
export type { GitHubScenario } from './github/scenario.js';
export { GOOGLE_PREFIX } from './google/fake.js';
export type { GoogleScenario } from './google/scenario.js';
export { loadScenario, parseScenario, type SandboxScenario, type SandboxWorld } from './scenario.js';
export { scenarioPath } from './scenario-path.js';
export { type RecordedRequest, type Sandbox, type StartSandboxOptions, startSandbox } from './server.js';
