import { expect, test } from 'vitest';
import type { ContentId } from '../evidence/evidence.js';
import {
  type Account,
  type AccountMapping,
  accountKey,
  duplicateAccounts,
  leaversWithAccess,
  linkAccounts,
  type Person,
  unknownAccounts,
} from './identity.js';

const WS = 'sha256:1111111111111111111111111111111111111111111111111111111111111111' as ContentId;
const GH = 'sha256:2222222222222222222222222222222222222222222222222222222222222222' as ContentId;
const AWS = 'sha256:3333333333333333333333333333333333333333333333333333333333333333' as ContentId;
const MAP = 'sha256:4444444444444444444444444444444444444444444444444444444444444444' as ContentId;

const person = (email: string, state: Person['state'] = 'active', aliases: string[] = []): Person => ({
  email,
  aliases,
  state,
  source: 'workspace/acme.example',
  evidence: [WS],
});
const account = (system: string, id: string, extra: Partial<Account> = {}): Account => ({
  system,
  kind: system === 'github' ? 'GitHub organization member' : 'AWS IAM user',
  id,
  where: system === 'github' ? 'github.com/orgs/acme' : 'aws/123456789012',
  active: true,
  access: 'member',
  emails: [],
  evidence: [system === 'github' ? GH : AWS],
  ...extra,
});
const mapping = (links: Record<string, string>, nonPerson: string[] = []): AccountMapping => ({
  links: new Map(Object.entries(links)),
  nonPerson: new Set(nonPerson),
  evidence: [MAP],
});

test('people.yaml beats email; an email tag matches a primary email or an alias, case-insensitively', () => {
  const people = [
    person('bob@acme.example', 'suspended'),
    person('frank@acme.example', 'active', ['frank.f@acme.example']),
  ];
  const linked = linkAccounts(
    people,
    [
      account('github', 'Bob'),
      account('aws', 'frank', { emails: ['Frank.F@acme.example'] }),
      account('aws', 'deploy'),
      account('github', 'ghost'),
    ],
    mapping({ [accountKey('github', 'bob')]: 'BOB@acme.example' }, [accountKey('aws', 'deploy')]),
  );
  expect(
    linked.map((entry) => [entry.account.id, entry.via, 'person' in entry ? entry.person.email : null]),
  ).toEqual([
    ['Bob', 'people.yaml', 'bob@acme.example'],
    ['frank', 'email', 'frank@acme.example'],
    ['deploy', 'non-person', null],
    ['ghost', 'none', null],
  ]);
});

test('leavers: suspended, archived or deleted people whose accounts still grant access; inactive accounts are fine', () => {
  const linked = linkAccounts(
    [person('bob@acme.example', 'suspended'), person('grace@acme.example', 'archived')],
    [
      account('github', 'bob'),
      account('aws', 'bob', { emails: ['bob@acme.example'], access: 'console password' }),
      account('aws', 'grace', { emails: ['grace@acme.example'], active: false }),
      account('github', 'dan'),
    ],
    mapping({ 'github:bob': 'bob@acme.example', 'github:dan': 'dan@acme.example' }),
  );
  const findings = leaversWithAccess(linked, [MAP]);
  expect(findings.map((f) => f.resource)).toEqual([
    'github.com/orgs/acme/members/bob',
    'aws/123456789012/users/bob',
    'github.com/orgs/acme/members/dan',
  ]);
  expect(findings[0]?.evidence).toEqual([GH, WS, MAP]);
  // Linked by an email tag: the people.yaml evidence is not part of it.
  expect(findings[1]?.evidence).toEqual([AWS, WS]);
  expect(findings[1]?.message).toMatch(
    /AWS IAM user bob in aws\/123456789012 \(console password\) belongs to bob@acme\.example \(linked by email\)/,
  );
  expect(findings[2]?.message).toMatch(/dan@acme\.example .*not a user of the identity provider/);
  expect(findings[2]?.evidence).toEqual([GH, MAP]);
});

test('unknown accounts and duplicates', () => {
  const linked = linkAccounts(
    [person('erin@acme.example')],
    [
      account('github', 'erin-a'),
      account('github', 'erin-b'),
      account('aws', 'erin', { emails: ['erin@acme.example'] }),
      account('github', 'x'),
    ],
    mapping({ 'github:erin-a': 'erin@acme.example', 'github:erin-b': 'erin@acme.example' }),
  );
  expect(unknownAccounts(linked, [MAP]).map((f) => f.resource)).toEqual(['github.com/orgs/acme/members/x']);
  const duplicates = duplicateAccounts(linked, [MAP]);
  // One GitHub pair; the AWS account is another kind, so no duplicate there.
  expect(duplicates.map((f) => f.message.split('.')[0])).toEqual(['erin@acme']);
  expect(duplicates[0]?.message).toMatch(
    /holds 2 GitHub organization member accounts in github\.com\/orgs\/acme: erin-a, erin-b/,
  );
});

test('by user name: an account whose id is a person email, or the local part of exactly one person', () => {
  const people = [
    person('alice@acme.example'),
    person('bob@acme.example', 'suspended'),
    person('carol@acme.example', 'active', ['sam@acme.example']),
    person('sam@acme.co.uk'),
  ];
  const aws = (id: string) => account('aws', id, { linkByName: true });
  const linked = linkAccounts(
    people,
    [
      aws('Alice@Acme.Example'),
      aws('bob'),
      aws('sam'), // sam@acme.example (carol's alias) and sam@acme.co.uk: ambiguous, so no link
      aws('sam@acme.co.uk'),
      account('github', 'bob'), // a GitHub login is chosen by its owner: never linked by name
    ],
    mapping({}),
  );
  expect(
    linked.map((entry) => [entry.account.id, entry.via, 'person' in entry ? entry.person.email : null]),
  ).toEqual([
    ['Alice@Acme.Example', 'user name', 'alice@acme.example'],
    ['bob', 'user name', 'bob@acme.example'],
    ['sam', 'none', null],
    ['sam@acme.co.uk', 'user name', 'sam@acme.co.uk'],
    ['bob', 'none', null],
  ]);
  const [leaver] = leaversWithAccess(linked, [MAP]);
  expect(leaver?.message).toMatch(/AWS IAM user bob .* \(linked by user name\), who is suspended/);
  expect(leaver?.evidence).toEqual([AWS, WS]);
});

test('rule order: people.yaml (by id or another id such as an ARN) > non-person > email tag > user name', () => {
  const arn = 'arn:aws:iam::123456789012:user/ops/Dan';
  const linked = linkAccounts(
    [person('dan@acme.example'), person('erin@acme.example'), person('ci@acme.example')],
    [
      account('aws', 'erin', { linkByName: true, otherIds: [arn], emails: ['erin@acme.example'] }),
      account('aws', 'ci', { linkByName: true, otherIds: ['arn:aws:iam::123456789012:user/ci'] }),
      account('aws', 'dan', { linkByName: true, emails: ['erin@acme.example'] }),
    ],
    mapping({ [accountKey('aws', arn)]: 'dan@acme.example' }, [
      accountKey('aws', 'arn:aws:iam::123456789012:user/ci'),
    ]),
  );
  expect(
    linked.map((entry) => [entry.account.id, entry.via, 'person' in entry ? entry.person.email : null]),
  ).toEqual([
    ['erin', 'people.yaml', 'dan@acme.example'],
    ['ci', 'non-person', null],
    ['dan', 'email', 'erin@acme.example'],
  ]);
});

test('duplicates are per place: two IAM users of one person in one account, not across accounts', () => {
  const linked = linkAccounts(
    [person('erin@acme.example')],
    [
      account('aws', 'erin', { linkByName: true }),
      account('aws', 'erin-admin', { emails: ['erin@acme.example'] }),
      account('aws', 'erin', { linkByName: true, where: 'aws/210987654321' }),
      account('aws', 'erin-old', { emails: ['erin@acme.example'], active: false }),
    ],
    mapping({}),
  );
  const duplicates = duplicateAccounts(linked, []);
  expect(duplicates.map((f) => f.resource)).toEqual(['aws/123456789012/people/erin@acme.example']);
  expect(duplicates[0]?.message).toMatch(
    /holds 2 AWS IAM user accounts in aws\/123456789012: erin, erin-admin\./,
  );
});
