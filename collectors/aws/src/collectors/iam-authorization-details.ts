import { awsConnector } from '@annexa/connector-aws';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { ADMINISTRATOR_ACCESS, grantsFullAdmin } from './policy-document.js';
import { compare, perAccount, settle } from './units.js';

const inlinePolicy = z.object({ name: z.string(), fullAdmin: z.boolean().nullable() }).strict();
const principal = z
  .object({ name: z.string(), attachedPolicies: z.array(z.string()), inlinePolicies: z.array(inlinePolicy) })
  .strict();

export const authorizationDetailsSchema = z
  .object({
    accounts: z.array(
      perAccount(
        z
          .object({
            users: z.array(
              principal
                .extend({
                  groups: z.array(z.string()),
                  /** The user's tags (`email` links the user to a person); absent in evidence of older runs. */
                  tags: z.record(z.string(), z.string()).default({}),
                })
                .strict(),
            ),
            groups: z.array(principal),
            roles: z.array(principal),
            /** Managed policies that allow `*` on `*`: AdministratorAccess and local policies whose default version does. */
            fullAdminPolicies: z.array(z.string()),
          })
          .strict(),
      ),
    ),
  })
  .strict();
export type AuthorizationDetails = z.infer<typeof authorizationDetailsSchema>;

interface Named {
  PolicyName?: string | undefined;
  PolicyDocument?: string | undefined;
}

/**
 * Users, groups, roles and their policies from GetAccountAuthorizationDetails: p(N, 1000) requests per account
 * instead of ListUsers plus two calls per user. Policy documents are not kept, only whether each allows `*:*`.
 */
export const iamAuthorizationDetails = defineCollector({
  id: 'aws.iam-authorization-details',
  version: '1',
  connector: awsConnector,
  title: 'AWS IAM users, groups, roles and attached policies (GetAccountAuthorizationDetails)',
  ttl: '24h',
  controls: ['5.15', '5.18', '8.2'],
  schema: authorizationDetailsSchema,
  async collect(client) {
    const units = await client.forEachAccount(async (account) => {
      const usersWithGroups: (z.infer<typeof principal> & {
        groups: string[];
        tags: Record<string, string>;
      })[] = [];
      const groups: z.infer<typeof principal>[] = [];
      const roles: z.infer<typeof principal>[] = [];
      const fullAdmin = new Set<string>();
      const inline = (list: Named[] | undefined) =>
        (list ?? []).map((policy) => ({
          name: policy.PolicyName ?? '',
          fullAdmin: grantsFullAdmin(policy.PolicyDocument),
        }));
      const attached = (list: { PolicyArn?: string | undefined }[] | undefined) =>
        (list ?? []).flatMap((policy) => (policy.PolicyArn ? [policy.PolicyArn] : [])).sort(compare);
      for await (const page of account.authorizationDetails()) {
        for (const user of page.UserDetailList ?? []) {
          usersWithGroups.push({
            name: user.UserName ?? '',
            attachedPolicies: attached(user.AttachedManagedPolicies),
            inlinePolicies: inline(user.UserPolicyList),
            groups: [...(user.GroupList ?? [])].sort(compare),
            tags: Object.fromEntries(
              (user.Tags ?? [])
                .flatMap((tag) => (tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? ''] as const]))
                .sort((a, b) => compare(a[0], b[0])),
            ),
          });
        }
        for (const group of page.GroupDetailList ?? []) {
          groups.push({
            name: group.GroupName ?? '',
            attachedPolicies: attached(group.AttachedManagedPolicies),
            inlinePolicies: inline(group.GroupPolicyList),
          });
        }
        for (const role of page.RoleDetailList ?? []) {
          roles.push({
            name: role.RoleName ?? '',
            attachedPolicies: attached(role.AttachedManagedPolicies),
            inlinePolicies: inline(role.RolePolicyList),
          });
        }
        for (const policy of page.Policies ?? []) {
          const current =
            policy.PolicyVersionList?.find((version) => version.IsDefaultVersion) ??
            policy.PolicyVersionList?.[0];
          if (policy.Arn && grantsFullAdmin(current?.Document) === true) fullAdmin.add(policy.Arn);
        }
      }
      // AdministratorAccess is filtered out of the listing (AWS managed policies are many and large): known by ARN.
      for (const entity of [...usersWithGroups, ...groups, ...roles]) {
        for (const arn of entity.attachedPolicies) if (ADMINISTRATOR_ACCESS.test(arn)) fullAdmin.add(arn);
      }
      const byName = (a: { name: string }, b: { name: string }) => compare(a.name, b.name);
      return {
        users: usersWithGroups.sort(byName),
        groups: groups.sort(byName),
        roles: roles.sort(byName),
        fullAdminPolicies: [...fullAdmin].sort(compare),
      };
    });
    return { accounts: settle(units) };
  },
});
