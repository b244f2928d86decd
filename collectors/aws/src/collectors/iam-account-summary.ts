import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { perAccount, settle } from './units.js';

export const accountSummarySchema = z
  .object({ accounts: z.array(perAccount(z.record(z.string(), z.number()))) })
  .strict();
export type AccountSummary = z.infer<typeof accountSummarySchema>;

/** GetAccountSummary per account: root MFA (AccountMFAEnabled) and root keys (AccountAccessKeysPresent). */
export const iamAccountSummary = defineCollector({
  id: 'aws.iam-account-summary',
  version: '1',
  connector: awsConnector,
  title: 'AWS IAM account summary (root MFA, root access keys, counts)',
  ttl: '24h',
  controls: ['8.2', '8.5'],
  schema: accountSummarySchema,
  async collect(client) {
    const units = await client.forEachAccount(async (account) => {
      const summary = await account.getAccountSummary();
      return Object.fromEntries(Object.entries(summary).sort(([a], [b]) => (a < b ? -1 : 1)));
    });
    return { accounts: settle(units) };
  },
});
