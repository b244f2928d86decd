import { iamAuthorizationDetails, iamCredentialReport } from '@annexa/collectors-aws';
import { expect, test } from 'vitest';
import { evidenceFixture } from '../testing/evidence-fixture.js';
import aws from './__fixtures__/aws-iam.json' with { type: 'json' };
import { awsAccountsFrom } from './account-sources.js';

const instance = (name: string) => ({ instance: name, source: `aws/${name}` });
const credentials = evidenceFixture(iamCredentialReport, aws.awsCredentials, instance('acme-aws'));
const details = evidenceFixture(iamAuthorizationDetails, aws.awsUsers, instance('acme-aws'));

test('IAM users from the credential report, their email tags from the authorization details', () => {
  const accounts = awsAccountsFrom([credentials], [details]);
  // The root user is no person's account; the account that was not assessable contributes none.
  expect(accounts.map((a) => `${a.where}/${a.id}`)).toEqual([
    'aws/123456789012/alice@acme.example',
    'aws/123456789012/bob',
    'aws/123456789012/ci-deploy',
    'aws/123456789012/dan.ops',
    'aws/123456789012/erin',
    'aws/123456789012/erin-admin',
    'aws/123456789012/g.hopper',
    'aws/123456789012/old-alice',
    'aws/210987654321/bob',
    'aws/210987654321/erin',
    'aws/210987654321/svc',
  ]);
  const byId = new Map(accounts.map((a) => [`${a.where}/${a.id}`, a]));
  const bob = byId.get('aws/123456789012/bob');
  expect(bob).toMatchObject({
    system: 'aws',
    kind: 'AWS IAM user',
    active: true,
    access: 'console password, 1 active access key',
    emails: [], // a `team` tag is no email
    otherIds: ['arn:aws:iam::123456789012:user/bob'],
    linkByName: true,
    evidence: [credentials.id],
  });
  // `mail` and `Email` (any case, trimmed, lower-cased) are email tags; the details then are evidence too.
  expect(byId.get('aws/123456789012/erin-admin')?.emails).toEqual(['erin@acme.example']);
  expect(byId.get('aws/123456789012/g.hopper')).toMatchObject({
    emails: ['grace@acme.example'],
    access: '1 active access key',
    evidence: [credentials.id, details.id],
  });
  expect(byId.get('aws/123456789012/dan.ops')?.otherIds).toEqual([
    'arn:aws:iam::123456789012:user/ops/dan.ops',
  ]);
  // No password and no active key: the user grants no access now.
  expect(byId.get('aws/123456789012/old-alice')).toMatchObject({
    active: false,
    access: 'no password, no active access key',
  });
  expect(byId.get('aws/210987654321/bob')?.active).toBe(false);
});

test('without authorization details (or from older evidence) users are still read, without tags', () => {
  const accounts = awsAccountsFrom([credentials], []);
  expect(accounts).toHaveLength(11);
  expect(accounts.every((a) => a.emails.length === 0 && a.evidence.length === 1)).toBe(true);
});

test('an AWS account two instances both see yields each IAM user once', () => {
  const other = evidenceFixture(iamCredentialReport, aws.awsCredentials, instance('acme-aws-2'));
  expect(awsAccountsFrom([credentials, other], [details])).toHaveLength(11);
});
