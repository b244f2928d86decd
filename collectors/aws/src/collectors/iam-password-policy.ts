import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { perAccount, settle } from './units.js';

export const passwordPolicySchema = z
  .object({
    accounts: z.array(
      perAccount(
        z
          .object({
            /** null: the account has no custom password policy (IAM answered NoSuchEntity), which is itself evidence. */
            policy: z.record(z.string(), z.union([z.number(), z.boolean()])).nullable(),
          })
          .strict(),
      ),
    ),
  })
  .strict();
export type PasswordPolicyEvidence = z.infer<typeof passwordPolicySchema>;

export const iamPasswordPolicy = defineCollector({
  id: 'aws.iam-password-policy',
  version: '1',
  connector: awsConnector,
  title: 'AWS IAM account password policy',
  ttl: '24h',
  controls: ['5.17'],
  schema: passwordPolicySchema,
  async collect(client) {
    const units = await client.forEachAccount(async (account) => {
      const policy = await account.getPasswordPolicy();
      if (policy === null) return { policy: null };
      const fields = Object.entries(policy).filter(
        (entry): entry is [string, number | boolean] =>
          typeof entry[1] === 'number' || typeof entry[1] === 'boolean',
      );
      return { policy: Object.fromEntries(fields.sort(([a], [b]) => (a < b ? -1 : 1))) };
    });
    return { accounts: settle(units) };
  },
});
