import { defineCheck } from '@annexa/core';
import { s3Buckets } from '../../collectors/s3-buckets.js';
import { judgeEach, listNames } from '../results.js';

export const awsS3BucketDefaultEncryption = defineCheck({
  id: 'aws_s3_bucket_default_encryption',
  title: 'Every S3 bucket has default encryption',
  severity: 'medium',
  controls: [
    { id: '8.24', relation: 'supports', rationale: 'Objects are encrypted at rest whoever writes them.' },
  ],
  permissions: ['s3:ListAllMyBuckets', 's3:GetEncryptionConfiguration'],
  inputs: { buckets: s3Buckets },
  evaluate({ buckets }) {
    return judgeEach(buckets.record.data.accounts, ({ buckets: list }, resource) => {
      const without = list.filter((bucket) => bucket.encryption === null).map((bucket) => bucket.name);
      if (without.length === 0)
        return {
          resource,
          status: 'pass',
          message: `All ${list.length} S3 buckets of ${resource} have default encryption.`,
        };
      return {
        resource,
        status: 'fail',
        message: `${without.length} S3 buckets of ${resource} have no default encryption: ${listNames(without)}. Fix: bucket → Properties → Default encryption (SSE-S3 or SSE-KMS).`,
      };
    });
  },
});
