import type { ContentId } from '../evidence/evidence.js';

/** A person: an identity in the identity provider (Google Workspace). */
export interface Person {
  /** Primary email, lower case. */
  email: string;
  aliases: readonly string[];
  /** `deleted`: named by a link (people.yaml, an email tag) but absent from the identity provider. */
  state: 'active' | 'suspended' | 'archived' | 'deleted';
  /** e.g. `workspace/acme.example`; empty for a deleted person. */
  source: string;
  /** The evidence the person (or their absence) is known from. */
  evidence: readonly ContentId[];
}

/** An account in another system, as an account source reads it from that system's evidence. */
export interface Account {
  /** The people.yaml key of its system: `github`, `aws`. */
  system: string;
  /** What kind of account, e.g. `GitHub organization member`, `AWS IAM user`. */
  kind: string;
  /** Its id in that system: a login, an IAM user name. */
  id: string;
  /** Where it lives, e.g. `github.com/orgs/acme`. */
  where: string;
  /** Whether it grants access now (an IAM user with no password and no active key grants none). */
  active: boolean;
  /** What gives it access, for messages: `member (admin)`, `console password, 1 active access key`. */
  access: string;
  /** Emails the system itself associates with it (verified org email, an `email` tag), lower case. */
  emails: readonly string[];
  /** Other ids people.yaml may name it by, e.g. an IAM user's ARN. */
  otherIds?: readonly string[];
  /**
   * Whether its id may link it to a person by itself: an id equal to a person's email, or to the local part of
   * exactly one person's email (an IAM user `bob` → bob@acme.example). Off for GitHub logins, chosen by their owners.
   */
  linkByName?: boolean;
  /** The evidence it is read from (an IAM user: the credential report, and the authorization details for its tags). */
  evidence: readonly ContentId[];
}

/** How a system's evidence becomes accounts: the one function a new system supplies. */
export type AccountSource<Data> = (data: Data, evidence: { id: ContentId; source: string }) => Account[];

export interface AccountMapping {
  /** `system:id` (id lower case) → person email, from people.yaml. */
  links: ReadonlyMap<string, string>;
  /** `system:id` of accounts that belong to no person. */
  nonPerson: ReadonlySet<string>;
  evidence: readonly ContentId[];
}

/** How an account was linked: people.yaml, an email the system holds for it, or its name equal to an email. */
export type LinkVia = 'people.yaml' | 'email' | 'user name';

export type LinkedAccount =
  | { account: Account; via: LinkVia; person: Person }
  | { account: Account; via: 'non-person' }
  | { account: Account; via: 'none' };

export function accountKey(system: string, id: string): string {
  return `${system}:${id.toLowerCase()}`;
}

/**
 * Links each account to a person: people.yaml first (an explicit statement beats inference; by id or any of the
 * account's other ids), then an email the system associates with the account matching a person's primary email or
 * alias, then (for accounts with `linkByName`) an id equal to such an email, or to the local part of exactly one
 * person's emails. A link to an email the identity provider does not know yields a `deleted` person. Pure.
 */
export function linkAccounts(
  people: readonly Person[],
  accounts: readonly Account[],
  mapping: AccountMapping,
): LinkedAccount[] {
  const byEmail = new Map<string, Person>();
  for (const person of people) {
    byEmail.set(person.email.toLowerCase(), person);
    for (const alias of person.aliases) byEmail.set(alias.toLowerCase(), person);
  }
  // Local part → the people it could name; a local part two people share names nobody.
  const byLocalPart = new Map<string, Set<Person>>();
  for (const [email, person] of byEmail) {
    const local = email.slice(0, email.lastIndexOf('@'));
    if (local === '') continue;
    byLocalPart.set(local, (byLocalPart.get(local) ?? new Set()).add(person));
  }
  const byName = (id: string): Person | undefined => {
    const name = id.toLowerCase();
    const exact = byEmail.get(name);
    if (exact) return exact;
    const candidates = byLocalPart.get(name);
    return candidates?.size === 1 ? [...candidates][0] : undefined;
  };
  const deleted = (email: string, evidence: readonly ContentId[]): Person => ({
    email: email.toLowerCase(),
    aliases: [],
    state: 'deleted',
    source: '',
    evidence,
  });
  return accounts.map((account): LinkedAccount => {
    const keys = [account.id, ...(account.otherIds ?? [])].map((id) => accountKey(account.system, id));
    const mapped = keys.map((key) => mapping.links.get(key)).find((email) => email !== undefined);
    if (mapped !== undefined) {
      return {
        account,
        via: 'people.yaml',
        person: byEmail.get(mapped.toLowerCase()) ?? deleted(mapped, mapping.evidence),
      };
    }
    if (keys.some((key) => mapping.nonPerson.has(key))) return { account, via: 'non-person' };
    for (const email of account.emails) {
      const person = byEmail.get(email.toLowerCase());
      if (person) return { account, via: 'email', person };
    }
    const named = account.linkByName ? byName(account.id) : undefined;
    if (named) return { account, via: 'user name', person: named };
    return { account, via: 'none' };
  });
}

export interface IdentityFinding {
  /** e.g. `github.com/orgs/acme/members/bob`. */
  resource: string;
  message: string;
  /** Evidence from both systems: the account's and the person's (and people.yaml's when it made the link). */
  evidence: ContentId[];
}

/** Accounts with access whose person is suspended, archived or gone from the identity provider (leavers). */
export function leaversWithAccess(
  linked: readonly LinkedAccount[],
  mappingEvidence: readonly ContentId[],
): IdentityFinding[] {
  const findings: IdentityFinding[] = [];
  for (const entry of linked) {
    if (!isLinked(entry)) continue;
    const { account, person } = entry;
    if (!account.active || person.state === 'active') continue;
    const state =
      person.state === 'deleted'
        ? `is not a user of the identity provider (deleted, or never created)`
        : `is ${person.state} in ${person.source}`;
    findings.push({
      resource: accountResource(account),
      message:
        `${account.kind} ${account.id} in ${account.where} (${account.access}) belongs to ${person.email} ` +
        `(linked by ${entry.via}), who ${state}. Fix: remove the ${account.kind} or, if the person still ` +
        'needs it, reactivate and review them.',
      evidence: unique([
        ...account.evidence,
        ...person.evidence,
        ...(entry.via === 'people.yaml' ? mappingEvidence : []),
      ]),
    });
  }
  return findings;
}

/** Accounts with access linked to no person and not declared non-person (unknown accounts). */
export function unknownAccounts(
  linked: readonly LinkedAccount[],
  mappingEvidence: readonly ContentId[],
): IdentityFinding[] {
  return linked
    .filter((entry) => entry.via === 'none' && entry.account.active)
    .map(({ account }) => ({
      resource: accountResource(account),
      message:
        `${account.kind} ${account.id} in ${account.where} (${account.access}) is linked to no person in the ` +
        'identity provider. Fix: link it in people.yaml (people[].' +
        `${account.system}), declare it under nonPerson.${account.system} if it is a bot, or remove it.`,
      evidence: unique([...account.evidence, ...mappingEvidence]),
    }));
}

/** People holding more than one active account of one kind in one place. */
export function duplicateAccounts(
  linked: readonly LinkedAccount[],
  mappingEvidence: readonly ContentId[],
): IdentityFinding[] {
  const groups = new Map<string, { person: Person; accounts: Account[] }>();
  for (const entry of linked) {
    if (!isLinked(entry) || !entry.account.active) continue;
    const key = `${entry.person.email}\u0000${entry.account.kind}\u0000${entry.account.where}`;
    const group = groups.get(key) ?? { person: entry.person, accounts: [] };
    group.accounts.push(entry.account);
    groups.set(key, group);
  }
  const findings: IdentityFinding[] = [];
  for (const { person, accounts } of groups.values()) {
    if (accounts.length < 2) continue;
    const [first] = accounts;
    if (!first) continue;
    const ids = accounts.map((account) => account.id).sort();
    findings.push({
      resource: `${first.where}/people/${person.email}`,
      message:
        `${person.email} holds ${accounts.length} ${first.kind} accounts in ${first.where}: ${ids.join(', ')}. ` +
        'Fix: keep one account per person, so access reviews and leaver removal cover all of it.',
      evidence: unique([
        ...accounts.flatMap((account) => account.evidence),
        ...person.evidence,
        ...mappingEvidence,
      ]),
    });
  }
  return findings;
}

/** Whether an account is linked to a person (by any rule). */
export function isLinked(entry: LinkedAccount): entry is Extract<LinkedAccount, { person: Person }> {
  return entry.via !== 'non-person' && entry.via !== 'none';
}

function accountResource(account: Account): string {
  return `${account.where}/${account.system === 'github' ? 'members' : 'users'}/${account.id}`;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
