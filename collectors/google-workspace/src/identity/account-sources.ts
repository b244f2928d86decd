import type { Account, AccountSource, ContentId, Evidence, JsonValue, Person } from '@annexa/core';
import type { PeopleLinks } from '../collectors/people-links.js';
import type { WorkspaceUsers } from '../collectors/users.js';
import type { GitHubOrgMembers } from './github-members.js';

/** GitHub organisation members as accounts. Their emails are not in the evidence: people.yaml links them. */
export const githubAccounts: AccountSource<GitHubOrgMembers> = (data, evidence) =>
  data.members.map((member) => ({
    system: 'github',
    kind: 'GitHub organization member',
    id: member.login,
    where: evidence.source,
    active: true,
    access: member.role === 'admin' ? 'organization owner' : 'member',
    emails: [],
    evidence: evidence.id,
  }));

/*
 * AWS plugs in here with one function over its IAM evidence, e.g. for the credential report:
 *   export const awsAccounts: AccountSource<CredentialReport> = (data, evidence) => data.users.map((user) => ({
 *     system: 'aws', kind: 'AWS IAM user', id: user.user, where: evidence.source,
 *     active: user.password_enabled || user.access_key_1_active || user.access_key_2_active,
 *     access: '…', emails: user.tags.email ? [user.tags.email] : [], evidence: evidence.id }));
 * plus one input line (`aws: credentialReport`) in identity/inputs.ts.
 */

/** Every account from a list of evidence of one source. */
export function accountsFrom<Data extends JsonValue>(
  source: AccountSource<Data>,
  evidence: readonly Evidence<Data>[],
): Account[] {
  return evidence.flatMap((item) => source(item.record.data, { id: item.id, source: item.record.source }));
}

/** People from every Workspace instance's users. */
export function peopleFrom(evidence: readonly Evidence<WorkspaceUsers>[]): Person[] {
  return evidence.flatMap((item) =>
    item.record.data.users.map(
      (user): Person => ({
        email: user.email,
        aliases: user.aliases,
        state: user.archived ? 'archived' : user.suspended ? 'suspended' : 'active',
        source: item.record.source,
        evidence: [item.id],
      }),
    ),
  );
}

/** The declared links of every Workspace instance's people.yaml, merged. */
export function mappingFrom(evidence: readonly Evidence<PeopleLinks>[]) {
  const links = new Map<string, string>();
  const nonPerson = new Set<string>();
  const ids: ContentId[] = [];
  for (const item of evidence) {
    if (!item.record.data.configured) continue;
    ids.push(item.id);
    for (const person of item.record.data.people) {
      for (const login of person.github) links.set(`github:${login}`, person.email);
      for (const name of person.aws) links.set(`aws:${name}`, person.email);
    }
    for (const login of item.record.data.nonPerson.github) nonPerson.add(`github:${login}`);
    for (const name of item.record.data.nonPerson.aws) nonPerson.add(`aws:${name}`);
  }
  return { links, nonPerson, evidence: ids };
}
