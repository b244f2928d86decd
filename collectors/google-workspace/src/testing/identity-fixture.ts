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
}

/**
 * Evaluates a cross-system check the way the run does (core's evaluateChecks over current evidence), with a
 * Workspace instance `acme-workspace` and a GitHub instance `acme`. Returns the evidence too, to name it.
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
  const evidence = [users, people, github].filter((item) => item !== undefined);
  const results: CheckResult[] = evaluateChecks({ checks: [check], current: currentOf(evidence) });
  return { results, users, people, github };
}
