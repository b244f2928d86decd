import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { publicAccessBlockSchema, toBlock } from './s3-account-public-access.js';
import { compare, perAccount, settle } from './units.js';

export const bucketSchema = z
  .object({
    name: z.string(),
    region: z.string().nullable(),
    /** Default encryption algorithms (AES256, aws:kms, aws:kms:dsse); null: no default encryption. */
    encryption: z.array(z.string()).nullable(),
    publicAccessBlock: publicAccessBlockSchema.nullable(),
    policyIsPublic: z.boolean(),
  })
  .strict();

/** A bucket in a region that scope.regions leaves out: listed, never read. */
const outOfScopeBucketSchema = z
  .object({ name: z.string(), region: z.string(), outOfScope: z.literal(true) })
  .strict();

export const s3BucketsSchema = z
  .object({
    accounts: z.array(
      perAccount(
        z.object({ buckets: z.array(bucketSchema), outOfScope: z.array(outOfScopeBucketSchema) }).strict(),
      ),
    ),
  })
  .strict();
export type S3Buckets = z.infer<typeof s3BucketsSchema>;

/** Every bucket: default encryption, bucket-level Block Public Access, whether its policy is public (1 + 3B). */
export const s3Buckets = defineCollector({
  id: 'aws.s3-buckets',
  version: '1',
  connector: awsConnector,
  title: 'AWS S3 buckets: default encryption and public access',
  ttl: '24h',
  controls: ['5.10', '8.12', '8.24'],
  schema: s3BucketsSchema,
  async collect(client, { config }) {
    // scope.regions applies to buckets too: one in an excluded region is recorded as such and not read.
    const filter = config.scope?.regions;
    const inScope = (region: string | null) =>
      region === null ||
      ((!filter?.include || filter.include.includes(region)) && !filter?.exclude?.includes(region));
    const units = await client.forEachAccount(async (account) => {
      const listed = await account.listBuckets();
      const outOfScope = listed
        .filter((bucket) => !inScope(bucket.region))
        .map((bucket) => ({ name: bucket.name, region: bucket.region ?? '', outOfScope: true as const }))
        .sort((a, b) => compare(a.name, b.name));
      const buckets = await Promise.all(
        listed
          .filter((bucket) => inScope(bucket.region))
          .map(async (bucket) => {
            const [rules, block, policyIsPublic] = await Promise.all([
              account.bucketEncryption(bucket),
              account.bucketPublicAccessBlock(bucket),
              account.bucketPolicyIsPublic(bucket),
            ]);
            const algorithms = rules?.flatMap((rule) => {
              const algorithm = rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
              return algorithm ? [algorithm] : [];
            });
            return {
              name: bucket.name,
              region: bucket.region,
              encryption: algorithms && algorithms.length > 0 ? algorithms.sort(compare) : null,
              publicAccessBlock: block ? toBlock(block) : null,
              policyIsPublic,
            };
          }),
      );
      return { buckets: buckets.sort((a, b) => compare(a.name, b.name)), outOfScope };
    });
    return { accounts: settle(units) };
  },
});
