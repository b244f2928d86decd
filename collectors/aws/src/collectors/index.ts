import type { AnyCollector } from '@annexa/core';
import { accounts } from './accounts.js';
import { cloudtrailTrails } from './cloudtrail-trails.js';
import { configRecorders } from './config-recorders.js';
import { ebsEncryption } from './ebs-encryption.js';
import { guardDutyDetectors } from './guardduty-detectors.js';
import { iamAccountSummary } from './iam-account-summary.js';
import { iamAuthorizationDetails } from './iam-authorization-details.js';
import { iamCredentialReport } from './iam-credential-report.js';
import { iamPasswordPolicy } from './iam-password-policy.js';
import { s3AccountPublicAccess } from './s3-account-public-access.js';
import { s3Buckets } from './s3-buckets.js';

export {
  accounts,
  cloudtrailTrails,
  configRecorders,
  ebsEncryption,
  guardDutyDetectors,
  iamAccountSummary,
  iamAuthorizationDetails,
  iamCredentialReport,
  iamPasswordPolicy,
  s3AccountPublicAccess,
  s3Buckets,
};

/** Every AWS collector, one line each. */
export const awsCollectors: readonly AnyCollector[] = [
  accounts, // aws.accounts
  iamCredentialReport, // aws.iam-credential-report
  iamAccountSummary, // aws.iam-account-summary
  iamPasswordPolicy, // aws.iam-password-policy
  iamAuthorizationDetails, // aws.iam-authorization-details
  cloudtrailTrails, // aws.cloudtrail-trails
  s3AccountPublicAccess, // aws.s3-account-public-access
  s3Buckets, // aws.s3-buckets
  configRecorders, // aws.config-recorders
  guardDutyDetectors, // aws.guardduty-detectors
  ebsEncryption, // aws.ebs-encryption
];
