/** The services Annexa calls, by the short name used in provenance, logs and IAM action prefixes. */
export type AwsService =
  | 'iam'
  | 'sts'
  | 'organizations'
  | 'cloudtrail'
  | 'config'
  | 'guardduty'
  | 's3'
  | 's3-control'
  | 'ec2';

/** Operations whose IAM action is not `<prefix>:<Operation>`. */
const ACTION_OVERRIDES: Record<string, string> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3-control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
};

/** `iam:GetAccountSummary`: the IAM action a call needs, as an AccessDenied message should name it. */
export function iamAction(service: AwsService, operation: string): string {
  const override = ACTION_OVERRIDES[`${service}:${operation}`];
  if (override) return override;
  const prefix = service === 's3-control' ? 's3' : service;
  return `${prefix}:${operation}`;
}

/** Every action Annexa calls (policies/annexa-aws-readonly.json lists exactly these; a test keeps them equal). */
export const READ_ACTIONS = [
  'sts:GetCallerIdentity',
  'sts:AssumeRole',
  'organizations:ListAccounts',
  'ec2:DescribeRegions',
  'iam:GenerateCredentialReport',
  'iam:GetCredentialReport',
  'iam:GetAccountSummary',
  'iam:GetAccountPasswordPolicy',
  'iam:GetAccountAuthorizationDetails',
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectors',
  's3:GetAccountPublicAccessBlock',
  's3:ListAllMyBuckets',
  's3:GetEncryptionConfiguration',
  's3:GetBucketPublicAccessBlock',
  's3:GetBucketPolicyStatus',
  'config:DescribeConfigurationRecorderStatus',
  'guardduty:ListDetectors',
  'guardduty:GetDetector',
  'ec2:GetEbsEncryptionByDefault',
] as const;

/**
 * Operations a read-only connector may send: reads; sts:AssumeRole (it opens a session and changes nothing); and
 * the one documented exception, iam:GenerateCredentialReport (it builds a report and changes no configuration).
 */
export function isReadOperation(operation: string): boolean {
  return (
    /^(Get|List|Describe)[A-Z]/.test(operation) ||
    operation === 'GenerateCredentialReport' ||
    operation === 'AssumeRole'
  );
}
