import { githubConnector } from '@annexa/connector-github';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';

export const members2faSchema = z
  .object({
    membersWithout2fa: z.array(z.object({ login: z.string(), id: z.number().int() }).strict()),
    count: z.number().int().nonnegative(),
  })
  .strict()
  .refine((data) => data.count === data.membersWithout2fa.length, {
    message: 'count must equal the number of members listed',
    path: ['count'],
  });
export type Members2fa = z.infer<typeof members2faSchema>;

/**
 * Members without two-factor authentication, in p(M₂, 100) requests thanks to `filter=2fa_disabled`.
 * The filter is owner-only: with another token the connector throws a `forbidden` ConnectorError saying so,
 * which the run records as not-assessable.
 */
export const members2fa = defineCollector({
  id: 'github.members-2fa',
  version: '1',
  connector: githubConnector,
  title: 'GitHub organization members without two-factor authentication',
  ttl: '24h',
  controls: ['5.17', '8.5'],
  schema: members2faSchema,
  async collect(client, { config }) {
    const membersWithout2fa: { login: string; id: number }[] = [];
    for await (const member of client.listMembers(config.org, { filter: '2fa_disabled' })) {
      membersWithout2fa.push({ login: member.login, id: member.id });
    }
    // Sorted so that the same organisation state always yields the same evidence hash.
    membersWithout2fa.sort((a, b) => (a.login < b.login ? -1 : a.login > b.login ? 1 : a.id - b.id));
    return { membersWithout2fa, count: membersWithout2fa.length };
  },
});
