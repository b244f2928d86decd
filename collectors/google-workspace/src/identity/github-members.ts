import { githubConnector } from '@annexa/connector-github';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';

export const githubOrgMembersSchema = z
  .object({
    members: z.array(
      z.object({ login: z.string(), id: z.number().int(), role: z.enum(['admin', 'member']) }).strict(),
    ),
  })
  .strict();
export type GitHubOrgMembers = z.infer<typeof githubOrgMembersSchema>;

/**
 * Every member of the organisation with their role, for identity reconciliation: p(A, 100) + p(M − A, 100)
 * requests (role=admin, then role=member, which gives the role at no extra cost). GitHub's member list carries no
 * email, so people.yaml links logins to people. (It belongs in collectors/github; it lives here until that
 * package lists all members itself.)
 */
export const githubOrgMembers = defineCollector({
  id: 'github.org-members',
  version: '1',
  connector: githubConnector,
  title: 'GitHub organization members and their roles',
  ttl: '24h',
  controls: ['5.16', '5.18'],
  schema: githubOrgMembersSchema,
  async collect(client, { config }) {
    const members: GitHubOrgMembers['members'] = [];
    for (const role of ['admin', 'member'] as const) {
      for await (const member of client.listMembers(config.org, { role })) {
        members.push({ login: member.login, id: member.id, role });
      }
    }
    members.sort((a, b) =>
      a.login.toLowerCase() < b.login.toLowerCase()
        ? -1
        : a.login.toLowerCase() > b.login.toLowerCase()
          ? 1
          : a.id - b.id,
    );
    return { members };
  },
});
