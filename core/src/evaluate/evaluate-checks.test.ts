import { describe, expect, test } from 'vitest';
import { currentOf } from '../run/__fixtures__/current.js';
import { adminsProtect, members, members2fa, repoProtected, repos } from '../run/__fixtures__/test-system.js';
import { defineCheck } from '../sdk/check.js';
import { currentCollection } from './current-evidence.js';
import { checkConnectorType, evaluateChecks } from './evaluate-checks.js';

const acmeRepos = {
  instance: 'acme',
  collector: 'forge.repos',
  data: {
    repos: [
      { name: 'b', protected: false },
      { name: 'a', protected: true },
    ],
  },
};
const acmeMembers = {
  instance: 'acme',
  collector: 'forge.members',
  data: { members: [{ login: 'ada', twoFactor: true }] },
};

describe('evaluateChecks', () => {
  test('maps every resource result to a check result with the check severity, controls and evidence', () => {
    const current = currentOf([acmeRepos]);
    const results = evaluateChecks({ checks: [repoProtected], current });
    const evidenceId = currentCollection(current, 'acme', 'forge.repos')?.evidence?.id;
    expect(results).toEqual([
      {
        check: 'forge_repo_protected',
        instance: 'acme',
        resource: 'forge.test/a',
        status: 'pass',
        severity: 'high',
        message: 'a is protected',
        controls: ['8.4', '8.32'],
        evidence: [evidenceId],
      },
      {
        check: 'forge_repo_protected',
        instance: 'acme',
        resource: 'forge.test/b',
        status: 'fail',
        severity: 'high',
        message: 'protect the default branch of b',
        controls: ['8.4', '8.32'],
        evidence: [evidenceId],
      },
    ]);
  });

  test('a result rests on the inputs it names', () => {
    const current = currentOf([acmeRepos, acmeMembers]);
    const results = evaluateChecks({ checks: [adminsProtect], current });
    const id = (collector: string) => currentCollection(current, 'acme', collector)?.evidence?.id;
    expect(results.map((r) => [r.resource, r.evidence])).toEqual([
      ['members', [id('forge.members')]],
      ['repos', [id('forge.repos')]],
    ]);
  });

  test('a missing input gives one not-assessable result with the reason it was not collected', () => {
    const current = currentOf([
      acmeRepos,
      {
        instance: 'acme',
        collector: 'forge.members',
        status: 'not-assessable',
        reason: 'listing members without 2FA needs an organization owner token',
      },
      { instance: 'beta', collector: 'forge.members', data: { members: [] } },
    ]);
    const results = evaluateChecks({ checks: [members2fa, adminsProtect], current });
    expect(results.filter((r) => r.status === 'not-assessable')).toEqual([
      {
        check: 'forge_admins_protect',
        instance: 'acme',
        resource: 'acme',
        status: 'not-assessable',
        severity: 'medium',
        message:
          'forge.members was not collected: listing members without 2FA needs an organization owner token',
        controls: ['8.2'],
        evidence: [],
      },
      expect.objectContaining({
        check: 'forge_admins_protect',
        instance: 'beta',
        message: 'forge.repos was never collected',
      }),
      expect.objectContaining({
        check: 'forge_members_2fa',
        instance: 'acme',
        message:
          'forge.members was not collected: listing members without 2FA needs an organization owner token',
      }),
    ]);
    expect(results.find((r) => r.check === 'forge_members_2fa' && r.instance === 'beta')?.status).toBe(
      'pass',
    );
  });

  test('a check that throws or returns nonsense gives an error result, and the others still run', () => {
    const throwing = defineCheck({
      ...members2fa,
      id: 'forge_throws',
      evaluate: () => {
        throw new RangeError('index out of range\n  at evaluate (check.ts:3:9)');
      },
    });
    const nonsense = defineCheck({
      ...members2fa,
      id: 'forge_nonsense',
      evaluate: () => [{ status: 'ok' }] as never,
    });
    const unknownInput = defineCheck({
      ...members2fa,
      id: 'forge_unknown_input',
      evaluate: () => [{ resource: 'x', status: 'pass', message: '', inputs: ['nope' as 'members'] }],
    });
    const results = evaluateChecks({
      checks: [throwing, nonsense, unknownInput, members2fa],
      current: currentOf([acmeMembers]),
    });
    expect(results.map((r) => [r.check, r.status, r.message])).toEqual([
      ['forge_members_2fa', 'pass', 'all members use 2FA'],
      [
        'forge_nonsense',
        'error',
        'check forge_nonsense returned results that are not a list of { resource, status, message }',
      ],
      ['forge_throws', 'error', 'check forge_throws failed: index out of range'],
      ['forge_unknown_input', 'error', 'check forge_unknown_input named inputs it does not have: nope'],
    ]);
  });

  test('checks apply only to instances of their connector type, in check, instance, resource order', () => {
    const current = currentOf([
      { instance: 'zeta', collector: 'forge.members', data: { members: [] } },
      { instance: 'alpha', collector: 'forge.members', data: { members: [] } },
      { instance: 'cloud', type: 'cloud', collector: 'forge.members', data: { members: [] } },
    ]);
    const results = evaluateChecks({ checks: [members2fa, repoProtected], current });
    expect(results.map((r) => [r.check, r.instance])).toEqual([
      ['forge_members_2fa', 'alpha'],
      ['forge_members_2fa', 'zeta'],
      ['forge_repo_protected', 'alpha'],
      ['forge_repo_protected', 'zeta'],
    ]);
  });

  test('evidence of another collector version is not judged', () => {
    const current = currentOf([acmeMembers]);
    const upgraded = defineCheck({ ...members2fa, inputs: { members: { ...members, version: '2' } } });
    expect(evaluateChecks({ checks: [upgraded], current })).toEqual([
      expect.objectContaining({
        status: 'not-assessable',
        message:
          'forge.members was collected by version 1 of its collector, this check reads version 2: collect again',
      }),
    ]);
  });

  test('the connector type of a check comes from its inputs', () => {
    expect(checkConnectorType(adminsProtect)).toBe('forge');
    const mixed = defineCheck({
      ...adminsProtect,
      inputs: { repos, members: { ...members, connector: { ...members.connector, type: 'cloud' } } },
    });
    expect(checkConnectorType(mixed)).toBeUndefined();
  });
});
