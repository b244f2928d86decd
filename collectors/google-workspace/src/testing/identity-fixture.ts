import { iamAuthorizationDetails, iamCredentialReport } from '@annexa/collectors-aws';
import type { AnyCheck } from '@annexa/core';
import { type CheckResult, evaluateChecks } from '@annexa/core';
import { peopleLinks } from '../collectors/people-links.js';
import { workspaceUsers } from '../collectors/users.js';
import { githubOrgMembers } from '../identity/github-members.js';
import { currentOf, evidenceFixture } from './evidence-fixture.js';

export interface IdentityFixture {
  users?: unknown;
  people?: unknown;
  github?: unknown;
  /** Data of aws.iam-credential-report, as instance `acme-aws`. */
  awsCredentials?: unknown;
  /** Data of aws.iam-authorization-details, as instance `acme-aws`. */
  awsUsers?: unknown;
}

/**
 * Evaluates a cross-system check the way the run does (core's evaluateChecks over current evidence), with a
 * Workspace instance `acme-workspace`, a GitHub instance `acme` and an AWS instance `acme-aws`. Returns the evidence too, to name it.
 */
export function evaluateIdentity(check: AnyCheck, fixture: IdentityFixture) {
  const users =
    fixture.users === undefined
      ? undefined
      : evidenceFixture(workspaceUsers, fixture.users, { instance: 'acme-workspace' });
  const people =
    fixture.people === undefined
      ? undefined
      : evidenceFixture(peopleLinks, fixture.people, { instance: 'acme-workspace' });
  const github =
    fixture.github === undefined
      ? undefined
      : evidenceFixture(githubOrgMembers, fixture.github, { instance: 'acme' });
  const aws = { instance: 'acme-aws', source: 'aws/acme-aws' };
  const awsCredentials =
    fixture.awsCredentials === undefined
      ? undefined
      : evidenceFixture(iamCredentialReport, fixture.awsCredentials, aws);
  const awsUsers =
    fixture.awsUsers === undefined
      ? undefined
      : evidenceFixture(iamAuthorizationDetails, fixture.awsUsers, aws);
  const evidence = [users, people, github, awsCredentials, awsUsers].filter((item) => item !== undefined);
  const results: CheckResult[] = evaluateChecks({ checks: [check], current: currentOf(evidence) });
  return { results, users, people, github, awsCredentials, awsUsers };
}
