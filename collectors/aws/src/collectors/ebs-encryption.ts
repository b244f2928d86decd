import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { withRegion } from './config-recorders.js';
import { perRegion, settle } from './units.js';

export const ebsEncryptionSchema = z
  .object({ regions: z.array(perRegion(z.object({ encryptionByDefault: z.boolean() }).strict())) })
  .strict();
export type EbsEncryption = z.infer<typeof ebsEncryptionSchema>;

/** EC2 GetEbsEncryptionByDefault per account × region. */
export const ebsEncryption = defineCollector({
  id: 'aws.ebs-encryption',
  version: '1',
  connector: awsConnector,
  title: 'AWS EBS encryption by default per region',
  ttl: '24h',
  controls: ['8.24'],
  schema: ebsEncryptionSchema,
  async collect(client) {
    const units = await client.forEachRegion(async (account, region) => ({
      encryptionByDefault: await account.ebsEncryptionByDefault(region),
    }));
    return { regions: settle(units).map(withRegion) };
  },
});
