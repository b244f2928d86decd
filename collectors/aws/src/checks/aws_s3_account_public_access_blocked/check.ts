import { defineCheck } from '@annexa/core';
import { s3AccountPublicAccess } from '../../collectors/s3-account-public-access.js';
import { judgeEach } from '../results.js';

export const awsS3AccountPublicAccessBlocked = defineCheck({
  id: 'aws_s3_account_public_access_blocked',
  title: 'S3 Block Public Access is on at account level (all four settings)',
  severity: 'high',
  controls: [
    {
      id: '8.12',
      relation: 'supports',
      rationale: 'No bucket of the account can be made public by an ACL or a policy by mistake.',
    },
    {
      id: '5.10',
      relation: 'supports',
      rationale: 'Stored information is not exposed beyond its acceptable use.',
    },
    { id: '8.3', relation: 'supports', rationale: 'Access to stored information is restricted by default.' },
  ],
  permissions: ['s3:GetAccountPublicAccessBlock'],
  inputs: { block: s3AccountPublicAccess },
  evaluate({ block }) {
    return judgeEach(block.record.data.accounts, ({ publicAccessBlock }, resource) => {
      if (publicAccessBlock === null) {
        return {
          resource,
          status: 'fail',
          message: `${resource} has no account-level S3 Block Public Access. Fix: S3 → Block Public Access settings for this account → turn on all four.`,
        };
      }
      const off = Object.entries(publicAccessBlock)
        .filter(([, on]) => !on)
        .map(([name]) => name);
      if (off.length === 0)
        return { resource, status: 'pass', message: `${resource} blocks S3 public access at account level.` };
      return {
        resource,
        status: 'fail',
        message: `${resource}: account-level S3 Block Public Access has ${off.join(', ')} off. Fix: turn on all four settings.`,
      };
    });
  },
});
