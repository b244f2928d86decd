import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { withRegion } from './config-recorders.js';
import { compare, perRegion, settle } from './units.js';

export const guardDutyDetectorsSchema = z
  .object({
    regions: z.array(
      perRegion(
        z.object({ detectors: z.array(z.object({ id: z.string(), status: z.string() }).strict()) }).strict(),
      ),
    ),
  })
  .strict();
export type GuardDutyDetectors = z.infer<typeof guardDutyDetectorsSchema>;

/** GuardDuty detectors per account × region: ListDetectors, then GetDetector for each (usually 2 per region). */
export const guardDutyDetectors = defineCollector({
  id: 'aws.guardduty-detectors',
  version: '1',
  connector: awsConnector,
  title: 'AWS GuardDuty detectors per region',
  ttl: '24h',
  controls: ['8.16', '8.7'],
  schema: guardDutyDetectorsSchema,
  async collect(client) {
    const units = await client.forEachRegion(async (account, region) => {
      const detectors = await account.guardDutyDetectors(region);
      return {
        detectors: detectors
          .map(({ id, detector }) => ({ id, status: detector.Status ?? 'UNKNOWN' }))
          .sort((a, b) => compare(a.id, b.id)),
      };
    });
    return { regions: settle(units).map(withRegion) };
  },
});
