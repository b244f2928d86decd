import { z } from 'zod';

/** Booleans Google omits when false (or when the caller cannot see them): absent is null, never false. */
const flag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? null);
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** The fields of a Directory `User` Annexa reads. Unknown fields are dropped. */
export const workspaceUserSchema = z.object({
  id: z.string(),
  primaryEmail: z.string(),
  isAdmin: flag,
  isDelegatedAdmin: flag,
  isEnrolledIn2Sv: flag,
  isEnforcedIn2Sv: flag,
  suspended: flag,
  suspensionReason: text,
  archived: flag,
  lastLoginTime: text,
  creationTime: text,
  orgUnitPath: text,
  /** Other addresses of the same person: linking accounts of other systems may use them. */
  aliases: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
});
export type WorkspaceUser = z.output<typeof workspaceUserSchema>;
export const usersPageSchema = z.object({
  users: z.array(workspaceUserSchema).nullish(),
  nextPageToken: z.string().nullish(),
});

export const workspaceRoleSchema = z.object({
  roleId: z.string(),
  roleName: z.string(),
  isSuperAdminRole: flag,
  isSystemRole: flag,
});
export type WorkspaceRole = z.output<typeof workspaceRoleSchema>;
export const rolesPageSchema = z.object({
  items: z.array(workspaceRoleSchema).nullish(),
  nextPageToken: z.string().nullish(),
});

export const workspaceRoleAssignmentSchema = z.object({
  roleAssignmentId: z.string(),
  roleId: z.string(),
  assignedTo: z.string(),
  assigneeType: text,
  scopeType: text,
  orgUnitId: text,
});
export type WorkspaceRoleAssignment = z.output<typeof workspaceRoleAssignmentSchema>;
export const roleAssignmentsPageSchema = z.object({
  items: z.array(workspaceRoleAssignmentSchema).nullish(),
  nextPageToken: z.string().nullish(),
});

const parameterSchema = z.object({
  name: z.string(),
  value: z.string().nullish(),
  boolValue: z.boolean().nullish(),
  intValue: z.string().nullish(),
  multiValue: z.array(z.string()).nullish(),
});

/** One Reports API activity, reduced to what is judged: when, who, from where, which events with which parameters. */
export const workspaceActivitySchema = z.object({
  id: z.object({
    time: z.string(),
    uniqueQualifier: z.string().nullish(),
    applicationName: z.string().nullish(),
  }),
  actor: z
    .object({
      email: z.string().nullish(),
      profileId: z.string().nullish(),
      callerType: z.string().nullish(),
    })
    .nullish(),
  ipAddress: text,
  events: z
    .array(
      z.object({
        type: z.string().nullish(),
        name: z.string().nullish(),
        parameters: z.array(parameterSchema).nullish(),
      }),
    )
    .nullish()
    .transform((value) => value ?? []),
});
export type WorkspaceActivity = z.output<typeof workspaceActivitySchema>;
export const activitiesPageSchema = z.object({
  items: z.array(workspaceActivitySchema).nullish(),
  nextPageToken: z.string().nullish(),
});
