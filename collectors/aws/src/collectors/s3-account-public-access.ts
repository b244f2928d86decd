import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { perAccount, settle } from './units.js';

export const publicAccessBlockSchema = z
  .object({
    BlockPublicAcls: z.boolean(),
    IgnorePublicAcls: z.boolean(),
    BlockPublicPolicy: z.boolean(),
    RestrictPublicBuckets: z.boolean(),
  })
  .strict();

export const s3AccountPublicAccessSchema = z
  .object({
    accounts: z.array(
      perAccount(z.object({ publicAccessBlock: publicAccessBlockSchema.nullable() }).strict()),
    ),
  })
  .strict();
export type S3AccountPublicAccess = z.infer<typeof s3AccountPublicAccessSchema>;

/** The account-level S3 Block Public Access settings (S3 Control GetPublicAccessBlock); null: none set. */
export const s3AccountPublicAccess = defineCollector({
  id: 'aws.s3-account-public-access',
  version: '1',
  connector: awsConnector,
  title: 'AWS S3 account-level Block Public Access',
  ttl: '24h',
  controls: ['5.10', '8.3', '8.12'],
  schema: s3AccountPublicAccessSchema,
  async collect(client) {
    const units = await client.forEachAccount(async (account) => {
      const block = await account.accountPublicAccessBlock();
      return { publicAccessBlock: block ? toBlock(block) : null };
    });
    return { accounts: settle(units) };
  },
});

export function toBlock(block: {
  BlockPublicAcls?: boolean | undefined;
  IgnorePublicAcls?: boolean | undefined;
  BlockPublicPolicy?: boolean | undefined;
  RestrictPublicBuckets?: boolean | undefined;
}): z.infer<typeof publicAccessBlockSchema> {
  return {
    BlockPublicAcls: block.BlockPublicAcls === true,
    IgnorePublicAcls: block.IgnorePublicAcls === true,
    BlockPublicPolicy: block.BlockPublicPolicy === true,
    RestrictPublicBuckets: block.RestrictPublicBuckets === true,
  };
}
