import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { compare } from './units.js';

const decisionSchema = z.object({ id: z.string(), inScope: z.boolean(), reason: z.string() }).strict();

export const accountsSchema = z
  .object({
    partition: z.string(),
    homeRegion: z.string(),
    accounts: z.array(
      decisionSchema.extend({
        /** Regions of the account, in and out of scope; null when they could not be listed. */
        regions: z.array(decisionSchema).nullable(),
        regionsFailure: z.string().nullable(),
      }),
    ),
  })
  .strict();
export type AwsAccounts = z.infer<typeof accountsSchema>;

/**
 * The accounts and regions the instance covers, and those scope leaves out, with why (clause 4.3): the record an
 * auditor reads first. That the accounts answer at all is the evidence that they exist and are in use (5.23).
 */
export const accounts = defineCollector({
  id: 'aws.accounts',
  version: '1',
  connector: awsConnector,
  title: 'AWS accounts and regions in and out of scope',
  ttl: '24h',
  controls: ['5.23'],
  schema: accountsSchema,
  async collect(client) {
    const resolved = await client.accounts();
    const byId = new Map<
      string,
      { regions: z.infer<typeof decisionSchema>[] | null; failure: string | null }
    >();
    const units = await client.forEachAccount(async (account) => client.regions(account));
    for (const unit of units) {
      byId.set(
        unit.account,
        unit.ok ? { regions: unit.value, failure: null } : { regions: null, failure: unit.error.message },
      );
    }
    return {
      partition: resolved.partition,
      homeRegion: client.homeRegion,
      accounts: resolved.accounts
        .map((decision) => ({
          ...decision,
          regions: byId.get(decision.id)?.regions ?? null,
          regionsFailure: byId.get(decision.id)?.failure ?? null,
        }))
        .sort((a, b) => compare(a.id, b.id)),
    };
  },
  observesAssets(data) {
    const inUse = data.accounts.filter((account) => account.inScope && account.regions !== null);
    if (inUse.length === 0) return [];
    const ids = inUse.map((account) => account.id);
    const list = ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
    return [
      {
        controls: ['5.23'],
        reason: `${ids.length} AWS ${ids.length === 1 ? 'account is' : 'accounts are'} in use (${list}): cloud services are used`,
      },
    ];
  },
});
