import type { AnyCheck } from '@annexa/core';
import { awsCloudtrailKmsEncryption } from './aws_cloudtrail_kms_encryption/check.js';
import { awsCloudtrailLogFileValidation } from './aws_cloudtrail_log_file_validation/check.js';
import { awsCloudtrailMultiRegionLogging } from './aws_cloudtrail_multi_region_logging/check.js';
import { awsConfigRecorderEnabled } from './aws_config_recorder_enabled/check.js';
import { awsEc2EbsEncryptionByDefault } from './aws_ec2_ebs_encryption_by_default/check.js';
import { awsGuarddutyEnabled } from './aws_guardduty_enabled/check.js';
import { awsIamAccessKeysRotated } from './aws_iam_access_keys_rotated/check.js';
import { awsIamConsoleUsersMfa } from './aws_iam_console_users_mfa/check.js';
import { awsIamNoFullAdminPolicies } from './aws_iam_no_full_admin_policies/check.js';
import { awsIamNoUserAttachedPolicies } from './aws_iam_no_user_attached_policies/check.js';
import { awsIamPasswordPolicyStrong } from './aws_iam_password_policy_strong/check.js';
import { awsIamPrivilegedUsersMfa } from './aws_iam_privileged_users_mfa/check.js';
import { awsIamRootAccessKeysAbsent } from './aws_iam_root_access_keys_absent/check.js';
import { awsIamRootMfaEnabled } from './aws_iam_root_mfa_enabled/check.js';
import { awsIamRootNotRecentlyUsed } from './aws_iam_root_not_recently_used/check.js';
import { awsIamUnusedCredentialsDisabled } from './aws_iam_unused_credentials_disabled/check.js';
import { awsS3AccountPublicAccessBlocked } from './aws_s3_account_public_access_blocked/check.js';
import { awsS3BucketDefaultEncryption } from './aws_s3_bucket_default_encryption/check.js';
import { awsS3BucketNotPublic } from './aws_s3_bucket_not_public/check.js';

export {
  awsCloudtrailKmsEncryption,
  awsCloudtrailLogFileValidation,
  awsCloudtrailMultiRegionLogging,
  awsConfigRecorderEnabled,
  awsEc2EbsEncryptionByDefault,
  awsGuarddutyEnabled,
  awsIamAccessKeysRotated,
  awsIamConsoleUsersMfa,
  awsIamNoFullAdminPolicies,
  awsIamNoUserAttachedPolicies,
  awsIamPasswordPolicyStrong,
  awsIamPrivilegedUsersMfa,
  awsIamRootAccessKeysAbsent,
  awsIamRootMfaEnabled,
  awsIamRootNotRecentlyUsed,
  awsIamUnusedCredentialsDisabled,
  awsS3AccountPublicAccessBlocked,
  awsS3BucketDefaultEncryption,
  awsS3BucketNotPublic,
};

/** Every AWS check, one line each. */
export const awsChecks: readonly AnyCheck[] = [
  awsIamRootMfaEnabled, // aws_iam_root_mfa_enabled
  awsIamRootAccessKeysAbsent, // aws_iam_root_access_keys_absent
  awsIamRootNotRecentlyUsed, // aws_iam_root_not_recently_used
  awsIamConsoleUsersMfa, // aws_iam_console_users_mfa
  awsIamAccessKeysRotated, // aws_iam_access_keys_rotated
  awsIamUnusedCredentialsDisabled, // aws_iam_unused_credentials_disabled
  awsIamPasswordPolicyStrong, // aws_iam_password_policy_strong
  awsIamNoUserAttachedPolicies, // aws_iam_no_user_attached_policies
  awsIamNoFullAdminPolicies, // aws_iam_no_full_admin_policies
  awsIamPrivilegedUsersMfa, // aws_iam_privileged_users_mfa
  awsCloudtrailMultiRegionLogging, // aws_cloudtrail_multi_region_logging
  awsCloudtrailLogFileValidation, // aws_cloudtrail_log_file_validation
  awsCloudtrailKmsEncryption, // aws_cloudtrail_kms_encryption
  awsS3AccountPublicAccessBlocked, // aws_s3_account_public_access_blocked
  awsS3BucketDefaultEncryption, // aws_s3_bucket_default_encryption
  awsS3BucketNotPublic, // aws_s3_bucket_not_public
  awsConfigRecorderEnabled, // aws_config_recorder_enabled
  awsGuarddutyEnabled, // aws_guardduty_enabled
  awsEc2EbsEncryptionByDefault, // aws_ec2_ebs_encryption_by_default
];
