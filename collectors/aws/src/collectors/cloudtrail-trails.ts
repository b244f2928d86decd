import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { compare, perAccount, settle } from './units.js';

export const trailSchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    homeRegion: z.string(),
    multiRegion: z.boolean(),
    organizationTrail: z.boolean(),
    includeGlobalServiceEvents: z.boolean(),
    logFileValidation: z.boolean(),
    /** The KMS key encrypting the log files; null: SSE-S3 only. */
    kmsKeyId: z.string().nullable(),
    s3BucketName: z.string().nullable(),
    /** From GetTrailStatus; null when the status could not be read. */
    isLogging: z.boolean().nullable(),
    latestDeliveryError: z.string().nullable(),
  })
  .strict();
export type CloudTrailTrail = z.infer<typeof trailSchema>;

export const cloudtrailTrailsSchema = z
  .object({ accounts: z.array(perAccount(z.object({ trails: z.array(trailSchema) }).strict())) })
  .strict();
export type CloudTrailTrails = z.infer<typeof cloudtrailTrailsSchema>;

/**
 * Trails of every account: DescribeTrails with shadow trails in the home region (a multi-region trail is seen
 * from every region), then GetTrailStatus per trail: 1 + T requests per account, not one DescribeTrails per region.
 */
export const cloudtrailTrails = defineCollector({
  id: 'aws.cloudtrail-trails',
  version: '1',
  connector: awsConnector,
  title: 'AWS CloudTrail trails: multi-region, logging, log file validation, KMS encryption',
  ttl: '24h',
  controls: ['8.15', '8.16', '8.24'],
  schema: cloudtrailTrailsSchema,
  async collect(client) {
    const units = await client.forEachAccount(async (account) => {
      const described = await account.describeTrails(account.homeRegion);
      const seen = new Set<string>();
      const trails = await Promise.all(
        described
          .filter((trail) => {
            const key = trail.TrailARN ?? trail.Name ?? '';
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          })
          .map(async (trail) => {
            const arn = trail.TrailARN ?? trail.Name ?? '';
            const status = await account.getTrailStatus(account.homeRegion, arn);
            return {
              name: trail.Name ?? arn,
              arn,
              homeRegion: trail.HomeRegion ?? account.homeRegion,
              multiRegion: trail.IsMultiRegionTrail === true,
              organizationTrail: trail.IsOrganizationTrail === true,
              includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents === true,
              logFileValidation: trail.LogFileValidationEnabled === true,
              kmsKeyId: trail.KmsKeyId ?? null,
              s3BucketName: trail.S3BucketName ?? null,
              isLogging: status.IsLogging ?? null,
              latestDeliveryError: status.LatestDeliveryError ?? null,
            };
          }),
      );
      return { trails: trails.sort((a, b) => compare(a.arn, b.arn)) };
    });
    return { accounts: settle(units) };
  },
});
