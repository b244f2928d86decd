import type { iamAuthorizationDetails, iamCredentialReport } from '@annexa/collectors-aws';
import {
  type Account,
  type AccountSource,
  accountKey,
  type CollectorData,
  type ContentId,
  type Evidence,
  type JsonValue,
  type Person,
} from '@annexa/core';
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
    evidence: [evidence.id],
  }));

type CredentialReport = CollectorData<typeof iamCredentialReport>;
type AuthorizationDetails = CollectorData<typeof iamAuthorizationDetails>;

/** IAM tag keys whose value is the user's email (compared case-insensitively: `email`, `Email`, `mail`). */
const EMAIL_TAGS = new Set(['email', 'mail']);

/**
 * IAM users of every AWS account as accounts, one per user and account (the root user is not a person's account).
 * The credential report says what grants access now (a console password, an active access key); the authorization
 * details of the same instance add the user's tags, whose `email` (or `Email`, `mail`) links it to a person. A user
 * may also be linked by people.yaml (`aws:` user names or ARNs) or by a name equal to an email or its local part.
 * Accounts of an instance whose authorization details are missing are still read, without tags.
 */
export function awsAccountsFrom(
  reports: readonly Evidence<CredentialReport>[],
  details: readonly Evidence<AuthorizationDetails>[],
): Account[] {
  const accounts = new Map<string, Account>();
  for (const report of reports) {
    const detail = details.find(
      (item) => item.record.connector.instance === report.record.connector.instance,
    );
    const tagsOf = new Map<string, Record<string, string>>();
    for (const unit of detail?.record.data.accounts ?? []) {
      if (!('data' in unit)) continue;
      // Evidence of runs before tags were collected has none.
      for (const user of unit.data.users) tagsOf.set(`${unit.account}/${user.name}`, user.tags ?? {});
    }
    for (const unit of report.record.data.accounts) {
      if (!('data' in unit)) continue;
      for (const row of unit.data.rows) {
        if (row.user === '<root_account>') continue;
        const key = `${unit.account}/${row.user}`;
        if (accounts.has(key)) continue; // the same account seen by two instances
        const tags = tagsOf.get(key);
        const emails = Object.entries(tags ?? {})
          .filter(([name, value]) => EMAIL_TAGS.has(name.toLowerCase()) && value.includes('@'))
          .map(([, value]) => value.trim().toLowerCase());
        const activeKeys = row.accessKeys.filter((accessKey) => accessKey.active).length;
        const access = [
          ...(row.passwordEnabled === true ? ['console password'] : []),
          ...(activeKeys > 0 ? [`${activeKeys} active access key${activeKeys === 1 ? '' : 's'}`] : []),
        ];
        accounts.set(key, {
          system: 'aws',
          kind: 'AWS IAM user',
          id: row.user,
          where: `aws/${unit.account}`,
          active: access.length > 0,
          access: access.length > 0 ? access.join(', ') : 'no password, no active access key',
          emails: [...new Set(emails)],
          otherIds: [row.arn],
          linkByName: true,
          evidence: emails.length > 0 && detail ? [report.id, detail.id] : [report.id],
        });
      }
    }
  }
  return [...accounts.values()];
}

/**
 * AWS accounts whose credential report could not be read: their IAM users are unknown, so each identity check says
 * so (not assessable, never a pass) and judges the rest.
 */
export function awsUnreadable(
  reports: readonly Evidence<CredentialReport>[],
): { resource: string; status: 'not-assessable'; message: string; evidence: ContentId[] }[] {
  return reports.flatMap((report) =>
    report.record.data.accounts.flatMap((unit) =>
      'failure' in unit
        ? [
            {
              resource: `aws/${unit.account}`,
              status: 'not-assessable' as const,
              message: `The IAM users of aws/${unit.account} could not be read (${unit.failure.reason}), so they are not linked to people.`,
              evidence: [report.id],
            },
          ]
        : [],
    ),
  );
}

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
      for (const login of person.github) links.set(accountKey('github', login), person.email);
      // An IAM user name or ARN: the account's name and ARN are both looked up.
      for (const name of person.aws) links.set(accountKey('aws', name), person.email);
    }
    for (const login of item.record.data.nonPerson.github) nonPerson.add(accountKey('github', login));
    for (const name of item.record.data.nonPerson.aws) nonPerson.add(accountKey('aws', name));
  }
  return { links, nonPerson, evidence: ids };
}
