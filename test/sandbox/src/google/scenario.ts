import { z } from 'zod';

const email = z.email();
const orgUnit = z
  .string()
  .regex(/^\/(?:[^/]+(?:\/[^/]+)*)?$/, 'an organisational-unit path such as /Engineering');

/** One Workspace user. Times are relative (days before the sandbox starts), so scenarios never go stale. */
const userSchema = z
  .object({
    email,
    id: z
      .string()
      .regex(/^\d{1,30}$/)
      .optional(),
    admin: z.enum(['super', 'delegated', 'none']).default('none'),
    /** For a delegated admin: the name of the role it holds (one of `roles`). */
    role: z.string().optional(),
    enrolled2sv: z.boolean().default(true),
    enforced2sv: z.boolean().default(true),
    suspended: z.boolean().default(false),
    archived: z.boolean().default(false),
    /** Days since the last sign-in; null: never signed in. */
    lastLoginDaysAgo: z.number().int().nonnegative().nullable().default(1),
    createdDaysAgo: z.number().int().nonnegative().default(400),
    orgUnit: orgUnit.default('/'),
    aliases: z.array(email).default([]),
  })
  .strict();

const roleSchema = z
  .object({
    roleId: z.string().regex(/^\d{1,20}$/),
    roleName: z.string().min(1),
    isSuperAdminRole: z.boolean().default(false),
    isSystemRole: z.boolean().default(true),
  })
  .strict();

/** One activity, `hoursAgo` before the request's endTime (or now). */
const activitySchema = z
  .object({
    hoursAgo: z.number().nonnegative(),
    actor: email,
    ipAddress: z.string().default('203.0.113.10'),
    name: z.string().min(1),
    type: z.string().optional(),
    parameters: z
      .record(z.string(), z.union([z.string(), z.boolean(), z.number(), z.array(z.string())]))
      .default({}),
  })
  .strict();

/** Users and login events made up on demand, page by page: a large domain never sits in memory. */
const generateSchema = z
  .object({
    users: z.number().int().nonnegative().max(1_000_000),
    /** Of the generated users, every `withoutTwoSvEvery`-th is not enrolled in 2SV (0: none). */
    withoutTwoSvEvery: z.number().int().nonnegative().default(0),
    /** Every `inactiveEvery`-th last signed in 200 days ago (0: none). */
    inactiveEvery: z.number().int().nonnegative().default(0),
    loginEvents: z.number().int().nonnegative().max(100_000_000).default(0),
    /** Every `failureEvery`-th login event is a login_failure (0: none). */
    failureEvery: z.number().int().nonnegative().default(0),
    /** Every `suspiciousEvery`-th login event is a suspicious_login (0: none). */
    suspiciousEvery: z.number().int().nonnegative().default(0),
    adminEvents: z.number().int().nonnegative().max(10_000_000).default(0),
  })
  .strict();

const tokenSchema = z
  .object({
    value: z.string().min(1),
    /** admin: may read everything; user: a non-admin subject, refused with 403. */
    role: z.enum(['admin', 'user']).default('admin'),
  })
  .strict();

export const googleScenarioSchema = z
  .object({
    customerId: z.string().regex(/^C[0-9A-Za-z]{5,}$/),
    domain: z.string().min(1),
    users: z.array(userSchema).default([]),
    roles: z.array(roleSchema).default([
      { roleId: '1', roleName: '_SEED_ADMIN_ROLE', isSuperAdminRole: true, isSystemRole: true },
      { roleId: '2', roleName: '_HELP_DESK_ADMIN_ROLE', isSuperAdminRole: false, isSystemRole: true },
      { roleId: '3', roleName: '_USER_MANAGEMENT_ADMIN_ROLE', isSuperAdminRole: false, isSystemRole: true },
    ]),
    activities: z
      .object({
        login: z.array(activitySchema).default([]),
        admin: z.array(activitySchema).default([]),
        token: z.array(activitySchema).default([]),
      })
      .strict()
      .default({ login: [], admin: [], token: [] }),
    generate: generateSchema.optional(),
    tokens: z.array(tokenSchema).min(1, 'at least one access token is needed to call the fake'),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const emails = new Set<string>();
    scenario.users.forEach((user, index) => {
      if (emails.has(user.email)) {
        ctx.addIssue({
          code: 'custom',
          path: ['users', index, 'email'],
          message: `duplicate user ${user.email}`,
        });
      }
      emails.add(user.email);
      if (user.role !== undefined && !scenario.roles.some((role) => role.roleName === user.role)) {
        ctx.addIssue({
          code: 'custom',
          path: ['users', index, 'role'],
          message: `no role named ${user.role}`,
        });
      }
    });
    if (!scenario.roles.some((role) => role.isSuperAdminRole)) {
      ctx.addIssue({ code: 'custom', path: ['roles'], message: 'one role must be the super admin role' });
    }
  });

export type GoogleScenario = z.input<typeof googleScenarioSchema>;
export type GoogleWorld = z.output<typeof googleScenarioSchema>;
export type GoogleUserSpec = GoogleWorld['users'][number];
export type GoogleActivitySpec = GoogleWorld['activities']['login'][number];
