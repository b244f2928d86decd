import { z } from 'zod';

const accountId = z
  .union([z.string().regex(/^\d{12}$/), z.number().int().nonnegative().max(999_999_999_999)])
  .transform((id) => String(id).padStart(12, '0'));
const region = z.string().regex(/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/, 'an AWS region such as eu-west-1');

/** Every region of the aws partition: `regions: all` in a scenario. */
export const ALL_REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
] as const;

const policyDocument = z.record(z.string(), z.unknown());

const accessKeySchema = z
  .object({
    active: z.boolean().default(true),
    rotatedDaysAgo: z.number().int().nonnegative().default(10),
    /** null: never used. */
    lastUsedDaysAgo: z.number().int().nonnegative().nullable().default(1),
  })
  .strict();

const userSchema = z
  .object({
    name: z.string().regex(/^[\w+=,.@-]{1,64}$/),
    createdDaysAgo: z.number().int().nonnegative().default(400),
    /** A console password; null: none. */
    password: z
      .object({ lastUsedDaysAgo: z.number().int().nonnegative().nullable().default(1) })
      .strict()
      .nullable()
      .default(null),
    mfa: z.boolean().default(false),
    accessKeys: z.array(accessKeySchema).max(2).default([]),
    groups: z.array(z.string()).default([]),
    attachedPolicies: z.array(z.string()).default([]),
    inlinePolicies: z.array(z.object({ name: z.string(), document: policyDocument }).strict()).default([]),
    /** IAM tags, e.g. `{ email: bob@acme.example }` (links the user to a Workspace person). */
    tags: z.record(z.string(), z.string()).default({}),
  })
  .strict();

const principalSchema = z
  .object({
    name: z.string().regex(/^[\w+=,.@-]{1,64}$/),
    attachedPolicies: z.array(z.string()).default([]),
    inlinePolicies: z.array(z.object({ name: z.string(), document: policyDocument }).strict()).default([]),
  })
  .strict();

const eventSelectorSchema = z
  .object({
    ReadWriteType: z.enum(['ReadOnly', 'WriteOnly', 'All']).default('All'),
    IncludeManagementEvents: z.boolean().default(true),
    ExcludeManagementEventSources: z.array(z.string()).default([]),
  })
  .strict();

const fieldSelectorSchema = z
  .object({
    Field: z.string(),
    Equals: z.array(z.string()).optional(),
    StartsWith: z.array(z.string()).optional(),
    EndsWith: z.array(z.string()).optional(),
    NotEquals: z.array(z.string()).optional(),
    NotStartsWith: z.array(z.string()).optional(),
    NotEndsWith: z.array(z.string()).optional(),
  })
  .strict();

const advancedEventSelectorSchema = z
  .object({ Name: z.string().optional(), FieldSelectors: z.array(fieldSelectorSchema).min(1) })
  .strict();

const trailSchema = z
  .object({
    name: z.string(),
    homeRegion: region,
    multiRegion: z.boolean().default(true),
    logging: z.boolean().default(true),
    logFileValidation: z.boolean().default(true),
    kmsKeyId: z.string().nullable().default(null),
    s3BucketName: z.string().default('cloudtrail-logs'),
    /** GetEventSelectors' classic selectors; neither these nor advanced ones: management events, read and write. */
    eventSelectors: z.array(eventSelectorSchema).optional(),
    /** GetEventSelectors' advanced selectors (a trail has one kind or the other). */
    advancedEventSelectors: z.array(advancedEventSelectorSchema).optional(),
  })
  .strict()
  .refine((trail) => !(trail.eventSelectors && trail.advancedEventSelectors), {
    message: 'a trail has eventSelectors or advancedEventSelectors, not both',
  });

const publicAccessBlock = z
  .object({
    BlockPublicAcls: z.boolean(),
    IgnorePublicAcls: z.boolean(),
    BlockPublicPolicy: z.boolean(),
    RestrictPublicBuckets: z.boolean(),
  })
  .strict();

const bucketSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
    region,
    /** Default encryption; null: none (buckets before 2023). */
    encryption: z.enum(['AES256', 'aws:kms', 'aws:kms:dsse']).nullable().default('AES256'),
    publicAccessBlock: publicAccessBlock.nullable().default(null),
    policyPublic: z.boolean().default(false),
  })
  .strict();

/** Users made up in bulk: a large account without a 5,000-entry file. */
const generateUsersSchema = z
  .object({
    users: z.number().int().positive().max(100_000),
    /** Console users without MFA, every `withoutMfaEvery`-th user. */
    withoutMfaEvery: z.number().int().positive().default(10),
    prefix: z
      .string()
      .regex(/^[\w-]{1,20}$/)
      .default('user'),
  })
  .strict();

const accountSchema = z
  .object({
    id: accountId,
    /** Enabled regions (DescribeRegions); `all` for every region. */
    regions: z.union([z.literal('all'), z.array(region).min(1)]).default(['eu-west-1', 'us-east-1']),
    root: z
      .object({
        mfa: z.boolean().default(true),
        accessKeys: z.boolean().default(false),
        /** null: root has not signed in since the report began. */
        lastUsedDaysAgo: z.number().int().nonnegative().nullable().default(null),
      })
      .strict()
      .default({ mfa: true, accessKeys: false, lastUsedDaysAgo: null }),
    /** The custom password policy; null: none (IAM answers NoSuchEntity). */
    passwordPolicy: z
      .record(z.string(), z.union([z.number(), z.boolean()]))
      .nullable()
      .default(null),
    users: z.array(userSchema).default([]),
    generateUsers: generateUsersSchema.optional(),
    groups: z.array(principalSchema).default([]),
    roles: z.array(principalSchema).default([]),
    /** Customer managed policies, by name. */
    policies: z.array(z.object({ name: z.string(), document: policyDocument }).strict()).default([]),
    trails: z.array(trailSchema).default([]),
    publicAccessBlock: publicAccessBlock.nullable().default(null),
    buckets: z.array(bucketSchema).default([]),
    /** Regions with a recording AWS Config recorder; `all` for every enabled region. */
    configRecording: z.union([z.literal('all'), z.array(region)]).default([]),
    guardDuty: z.union([z.literal('all'), z.array(region)]).default([]),
    ebsEncryptionByDefault: z.union([z.literal('all'), z.array(region)]).default([]),
    /** IAM actions the audit role lacks in this account: those calls get AccessDenied. */
    denied: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z]+$/)).default([]),
    /** An existing credential report this many hours old; null: none yet. */
    credentialReportAgeHours: z.number().nonnegative().nullable().default(null),
    /** GetCredentialReport answers ReportInProgress this many times after a generation starts. */
    reportPolls: z.number().int().nonnegative().default(1),
  })
  .strict();

/** Accounts made up in bulk (a large organisation): copies of a template account with numbered ids. */
const generateAccountsSchema = z
  .object({
    count: z.number().int().positive().max(1000),
    firstId: accountId,
    template: accountSchema.omit({ id: true }),
  })
  .strict();

export const awsScenarioSchema = z
  .object({
    /** Access keys the fake accepts, each the credentials of one account (a role session of the audit role). */
    credentials: z
      .array(z.object({ accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/), account: accountId }).strict())
      .min(1),
    /** Accounts listed by organizations:ListAccounts (called with credentials of the first account). */
    organization: z.boolean().default(false),
    accounts: z.array(accountSchema).default([]),
    generateAccounts: generateAccountsSchema.optional(),
  })
  .strict()
  .transform(({ generateAccounts, ...scenario }) => ({
    ...scenario,
    accounts: [...scenario.accounts, ...(generateAccounts ? expandAccounts(generateAccounts) : [])],
  }))
  .superRefine((scenario, ctx) => {
    const ids = new Set<string>();
    scenario.accounts.forEach((account, index) => {
      if (ids.has(account.id))
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', index, 'id'],
          message: `duplicate account ${account.id}`,
        });
      ids.add(account.id);
    });
    scenario.credentials.forEach((credential, index) => {
      if (!ids.has(credential.account)) {
        ctx.addIssue({
          code: 'custom',
          path: ['credentials', index, 'account'],
          message: `no account ${credential.account} in the scenario`,
        });
      }
    });
  });

function expandAccounts(generate: z.output<typeof generateAccountsSchema>) {
  const first = Number(generate.firstId);
  return Array.from({ length: generate.count }, (_, index) => ({
    ...generate.template,
    id: String(first + index).padStart(12, '0'),
  }));
}

export type AwsScenario = z.input<typeof awsScenarioSchema>;
export type AwsWorld = z.output<typeof awsScenarioSchema>;
export type AwsAccountWorld = AwsWorld['accounts'][number];
export type AwsUserWorld = AwsAccountWorld['users'][number];

/** The users of an account, generated ones included (`<prefix>-00001` …). */
export function usersOf(account: AwsAccountWorld): AwsUserWorld[] {
  const generated = account.generateUsers;
  if (!generated) return account.users;
  const made = Array.from({ length: generated.users }, (_, index): AwsUserWorld => {
    const withoutMfa = (index + 1) % generated.withoutMfaEvery === 0;
    return {
      name: `${generated.prefix}-${String(index + 1).padStart(5, '0')}`,
      createdDaysAgo: 200 + (index % 300),
      password: index % 2 === 0 ? { lastUsedDaysAgo: index % 120 } : null,
      mfa: !withoutMfa,
      accessKeys:
        index % 3 === 0 ? [{ active: true, rotatedDaysAgo: index % 200, lastUsedDaysAgo: index % 50 }] : [],
      groups: index % 100 === 0 ? ['admins'] : ['developers'],
      attachedPolicies: [],
      inlinePolicies: [],
      tags: {},
    };
  });
  return [...account.users, ...made];
}

/** The regions a per-region setting covers in an account. */
export function regionsOf(account: AwsAccountWorld, setting: 'all' | string[]): string[] {
  const enabled = account.regions === 'all' ? [...ALL_REGIONS] : account.regions;
  return setting === 'all' ? enabled : setting.filter((name) => enabled.includes(name));
}

export function enabledRegions(account: AwsAccountWorld): string[] {
  return account.regions === 'all' ? [...ALL_REGIONS] : [...account.regions];
}
