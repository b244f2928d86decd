import { z } from 'zod';

/** An AWS region name such as `eu-west-1` or `us-gov-west-1`. */
export const regionSchema = z
  .string()
  .regex(/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/, 'must be an AWS region such as eu-west-1');

/** Twelve digits. YAML reads an unquoted id as a number (and drops leading zeros), so numbers are accepted too. */
export const accountIdSchema = z
  .union([
    z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    // Below ten digits a number is a typo, not an id that lost its leading zeros.
    z
      .number()
      .int()
      .refine((id) => id >= 1_000_000_000 && id <= 999_999_999_999, {
        message: 'must be a 12-digit AWS account id (quote it in YAML)',
      }),
  ])
  .transform((id) => String(id).padStart(12, '0'));

const roleArnSchema = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    'must be an IAM role ARN such as arn:aws:iam::123456789012:role/annexa-audit',
  );

const filterSchema = <T extends z.ZodType>(item: T) =>
  z.object({ include: z.array(item).min(1).optional(), exclude: z.array(item).optional() }).strict();

const accountsSchema = z
  .object({
    /** The role Annexa assumes in every account (same name everywhere, as AWS Organizations sets up). */
    roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name such as annexa-audit'),
    ids: z.array(accountIdSchema).min(1).optional(),
    /** List the organisation's active accounts (needs organizations:ListAccounts in the management account). */
    fromOrganization: z.boolean().optional(),
  })
  .strict()
  .refine((accounts) => (accounts.ids !== undefined) !== (accounts.fromOrganization === true), {
    message: 'give either ids or fromOrganization: true (one of them)',
  });

/** One AWS estate in annexa.yaml: a home region, optionally many accounts through one role name. */
export const awsConfigSchema = z
  .object({
    name: z.string().min(1),
    type: z.literal('aws'),
    /** Home region: global services (IAM, STS, Organizations, S3 listing) are called from here. */
    region: regionSchema,
    /** Regions for regional services (CloudTrail status, Config, GuardDuty, EBS); the home region unless told. */
    regions: z.union([z.literal('all-enabled'), z.array(regionSchema).min(1)]).optional(),
    /** One endpoint for every AWS service (LocalStack, the sandbox). AWS_ENDPOINT_URL(_<SERVICE>) also work. */
    endpoint: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:4566' })
      .optional(),
    /** A role to assume first, from the credentials of the standard chain. */
    assumeRole: roleArnSchema.optional(),
    /** Sent with every AssumeRole when the role's trust policy demands one. */
    externalId: z.string().min(2).max(1224).optional(),
    accounts: accountsSchema.optional(),
    scope: z
      .object({
        accounts: filterSchema(accountIdSchema).optional(),
        regions: filterSchema(regionSchema).optional(),
      })
      .strict()
      .optional(),
    /** Account × region units collected at once, over every collector of this instance (default 8). */
    concurrency: z.number().int().min(1).max(64).optional(),
  })
  .strict();

export type AwsConfig = z.output<typeof awsConfigSchema>;

/** `aws/prod (eu-west-1)`: what an instance observes, for evidence `source`. */
export function describeAws(config: Pick<AwsConfig, 'name' | 'region' | 'accounts' | 'assumeRole'>): string {
  if (config.accounts?.ids) return `aws/accounts/${config.accounts.ids.join(',')}`;
  if (config.accounts?.fromOrganization) return `aws/organization/${config.name}`;
  const fromRole = config.assumeRole ? /::(\d{12}):/.exec(config.assumeRole)?.[1] : undefined;
  return fromRole ? `aws/accounts/${fromRole}` : `aws/${config.name}`;
}
