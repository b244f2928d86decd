import { defineCheck } from '@annexa/core';
import { ebsEncryption } from '../../collectors/ebs-encryption.js';
import { judgeEach } from '../results.js';

export const awsEc2EbsEncryptionByDefault = defineCheck({
  id: 'aws_ec2_ebs_encryption_by_default',
  title: 'EBS encryption by default is on in every region in scope',
  severity: 'medium',
  controls: [
    { id: '8.24', relation: 'supports', rationale: 'Every new volume and snapshot is encrypted at rest.' },
  ],
  permissions: ['ec2:GetEbsEncryptionByDefault'],
  inputs: { ebs: ebsEncryption },
  evaluate({ ebs }) {
    return judgeEach(ebs.record.data.regions, ({ encryptionByDefault }, resource) =>
      encryptionByDefault
        ? { resource, status: 'pass', message: `EBS encryption by default is on in ${resource}.` }
        : {
            resource,
            status: 'fail',
            message: `EBS encryption by default is off in ${resource}. Fix: EC2 → Settings → Data protection and security → Always encrypt new EBS volumes.`,
          },
    );
  },
});
