export type { AwsAccount, BucketSummary, CredentialReportFetch, CredentialReportState } from './account.js';
export {
  type AccountsInScope,
  type AwsClient,
  createAwsClient,
  partitionOf,
  type ScopeDecision,
  type Unit,
} from './client.js';
export { type AwsConfig, accountIdSchema, awsConfigSchema, describeAws, regionSchema } from './config.js';
export { awsConnector } from './connector.js';
export {
  CredentialReportFormatError,
  type CredentialReportRow,
  parseCredentialReport,
} from './credential-report.js';
export { awsErrorName, toConnectorError } from './errors.js';
export { type AwsService, iamAction, isReadOperation, READ_ACTIONS } from './iam-actions.js';
export { type AwsTuning, DEFAULT_TUNING } from './sdk-config.js';
