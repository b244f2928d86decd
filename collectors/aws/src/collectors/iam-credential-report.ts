import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { perAccount, settle } from './units.js';

const date = z.iso.datetime({ offset: true }).nullable();
export const credentialRowSchema = z
  .object({
    user: z.string(),
    arn: z.string(),
    createdAt: date,
    passwordEnabled: z.boolean().nullable(),
    passwordLastUsed: date,
    passwordLastChanged: date,
    mfaActive: z.boolean(),
    accessKeys: z.array(
      z
        .object({
          slot: z.union([z.literal(1), z.literal(2)]),
          active: z.boolean(),
          lastRotated: date,
          lastUsed: date,
        })
        .strict(),
    ),
  })
  .strict();
export type CredentialRow = z.infer<typeof credentialRowSchema>;

export const credentialReportSchema = z
  .object({
    accounts: z.array(
      perAccount(
        z
          .object({ generatedTime: z.iso.datetime({ offset: true }), rows: z.array(credentialRowSchema) })
          .strict(),
      ),
    ),
  })
  .strict();
export type CredentialReport = z.infer<typeof credentialReportSchema>;

/**
 * The IAM credential report of every account: root and every user's password, MFA and access keys in one report
 * (2 requests per account when a report under four hours old exists, a few polls more otherwise), instead of
 * 3U + K per-user calls. Needs iam:GenerateCredentialReport and iam:GetCredentialReport.
 */
export const iamCredentialReport = defineCollector({
  id: 'aws.iam-credential-report',
  version: '1',
  connector: awsConnector,
  title: 'AWS IAM credential report (root and users: passwords, MFA, access keys)',
  ttl: '24h',
  controls: ['5.16', '5.17', '5.18', '8.2', '8.5'],
  schema: credentialReportSchema,
  async collect(client) {
    const units = await client.forEachAccount(async (account) => {
      const report = await account.credentialReport();
      const rows = [...report.rows].sort((a, b) =>
        a.user === '<root_account>'
          ? -1
          : b.user === '<root_account>'
            ? 1
            : a.user < b.user
              ? -1
              : a.user > b.user
                ? 1
                : 0,
      );
      return { generatedTime: report.generatedTime, rows };
    });
    return { accounts: settle(units) };
  },
});
