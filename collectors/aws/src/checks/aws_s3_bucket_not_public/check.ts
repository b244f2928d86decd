import { defineCheck, type ResourceResult } from '@annexa/core';
import { s3AccountPublicAccess } from '../../collectors/s3-account-public-access.js';
import { s3Buckets } from '../../collectors/s3-buckets.js';
import { listNames, resourceOf } from '../results.js';

export const awsS3BucketNotPublic = defineCheck({
  id: 'aws_s3_bucket_not_public',
  title: 'No S3 bucket is public through its bucket policy',
  severity: 'high',
  controls: [
    {
      id: '8.12',
      relation: 'supports',
      rationale: 'Information in buckets does not leak to anonymous readers.',
    },
    { id: '5.10', relation: 'supports', rationale: 'Stored information is used only as intended.' },
  ],
  permissions: [
    's3:ListAllMyBuckets',
    's3:GetBucketPolicyStatus',
    's3:GetBucketPublicAccessBlock',
    's3:GetAccountPublicAccessBlock',
  ],
  inputs: { buckets: s3Buckets, account: s3AccountPublicAccess },
  evaluate({ buckets, account }) {
    const blocks = new Map(account.record.data.accounts.map((entry) => [entry.account, entry]));
    return buckets.record.data.accounts.map((entry): ResourceResult<'buckets' | 'account'> => {
      const resource = resourceOf(entry.account);
      if ('failure' in entry)
        return {
          resource,
          status: 'not-assessable',
          message: `${resource} could not be collected: ${entry.failure.reason}`,
        };
      const accountEntry = blocks.get(entry.account);
      // RestrictPublicBuckets (account or bucket) makes a public policy ineffective for anyone outside the account.
      const accountRestricts =
        accountEntry && 'data' in accountEntry
          ? accountEntry.data.publicAccessBlock?.RestrictPublicBuckets === true
          : false;
      const open = entry.data.buckets
        .filter(
          (bucket) =>
            bucket.policyIsPublic &&
            !accountRestricts &&
            bucket.publicAccessBlock?.RestrictPublicBuckets !== true,
        )
        .map((bucket) => bucket.name);
      if (open.length === 0)
        return {
          resource,
          status: 'pass',
          message: `No S3 bucket of ${resource} is public through its policy.`,
        };
      return {
        resource,
        status: 'fail',
        message: `${open.length} S3 buckets of ${resource} are public through their policy: ${listNames(open)}. Fix: remove the public statements, or serve public content through CloudFront with origin access control, and turn on Block Public Access.`,
      };
    });
  },
});
