import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { compare, perRegion, settle } from './units.js';

export const configRecordersSchema = z
  .object({
    regions: z.array(
      perRegion(
        z
          .object({
            recorders: z.array(
              z
                .object({ name: z.string(), recording: z.boolean(), lastStatus: z.string().nullable() })
                .strict(),
            ),
          })
          .strict(),
      ),
    ),
  })
  .strict();
export type ConfigRecorders = z.infer<typeof configRecordersSchema>;

/** AWS Config recorder status in every account × region in scope (one request each). */
export const configRecorders = defineCollector({
  id: 'aws.config-recorders',
  version: '1',
  connector: awsConnector,
  title: 'AWS Config configuration recorders per region',
  ttl: '24h',
  controls: ['8.9', '8.16'],
  schema: configRecordersSchema,
  async collect(client) {
    const units = await client.forEachRegion(async (account, region) => {
      const statuses = await account.configRecorderStatus(region);
      const recorders = statuses.map((status) => ({
        name: status.name ?? 'default',
        recording: status.recording === true,
        lastStatus: status.lastStatus ?? null,
      }));
      return { recorders: recorders.sort((a, b) => compare(a.name, b.name)) };
    });
    return { regions: settle(units).map(withRegion) };
  },
});

/** perRegion entries always carry their region. */
export function withRegion<T extends { region?: string }>(entry: T): T & { region: string } {
  return { ...entry, region: entry.region ?? '' };
}
