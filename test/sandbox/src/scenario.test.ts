import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@annexa/core';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { generateMembers } from './github/generate-members.js';
import { loadScenario, parseScenario } from './scenario.js';
import { scenarioPath } from './scenario-path.js';

test('the bundled GitHub scenarios load and say what they promise', async () => {
  const compliant = (await loadScenario(scenarioPath('github/compliant.yaml'))).github;
  expect(compliant?.org.two_factor_requirement_enabled).toBe(true);
  expect(compliant?.members.every((member) => member.twoFactor)).toBe(true);

  const no2fa = (await loadScenario(scenarioPath('github/no-2fa.yaml'))).github;
  expect(no2fa?.org.two_factor_requirement_enabled).toBe(false);
  expect(no2fa?.members.filter((member) => !member.twoFactor)).toHaveLength(3);

  const large = (await loadScenario(scenarioPath('github/large.yaml'))).github;
  expect(large?.members).toHaveLength(2500);
  expect(large?.members.filter((member) => !member.twoFactor)).toHaveLength(230);
  expect(large?.tokens.map((token) => token.role).sort()).toEqual(['member', 'owner']);
});

test('a schema problem names the file, the line and the field', () => {
  const text = [
    'github:',
    '  org:',
    '    login: acme',
    '    id: 1',
    '    two_factor_requirement_enabled: maybe',
    '  tokens:',
    '    - { value: t, role: admin }',
  ].join('\n');
  const error = catchError(() => parseScenario(text, 'scenarios/bad.yaml'));
  expect(error).toBeInstanceOf(InputError);
  expect(error.message).toContain('scenarios/bad.yaml:5:');
  expect(error.message).toContain('github.org.two_factor_requirement_enabled');
  expect(error.message).toContain('scenarios/bad.yaml:7:');
  expect(error.message).toContain('github.tokens[0].role');
});

test('a missing field points at its parent; an unknown key is refused', () => {
  const error = catchError(() =>
    parseScenario(
      'github:\n  org:\n    login: acme\n    id: 1\n  tokens: [{ value: t, role: owner }]\n  colour: red\n',
      'x.yaml',
    ),
  );
  expect(error.message).toMatch(/x\.yaml:3:\d+: github\.org\.two_factor_requirement_enabled/);
  expect(error.message).toMatch(/x\.yaml:6:\d+: github: Unrecognized key: "colour"/);
});

test('broken YAML is an InputError with the line, never a stack', () => {
  const error = catchError(() => parseScenario('github:\n  org: [unclosed\n', 'broken.yaml'));
  expect(error).toBeInstanceOf(InputError);
  expect(error.message).toMatch(/^broken\.yaml:\d+:\d+: not valid YAML/);
  // yaml throws a ReferenceError for this one rather than a YAMLParseError.
  expect(catchError(() => parseScenario('*-', 'alias.yaml'))).toBeInstanceOf(InputError);
});

test('duplicate logins and tokens are refused without echoing the token', () => {
  const text = [
    'github:',
    '  org: { login: acme, id: 1, two_factor_requirement_enabled: true }',
    '  members:',
    '    - { login: bob, id: 2, twoFactor: true }',
    '    - { login: BOB, id: 3, twoFactor: true }',
    '  tokens:',
    '    - { value: s3cret-token, role: owner }',
    '    - { value: s3cret-token, role: member }',
  ].join('\n');
  const error = catchError(() => parseScenario(text, 'dup.yaml'));
  expect(error.message).toContain('duplicate login BOB');
  expect(error.message).toContain('github.tokens[1].value: duplicate token value');
  expect(error.message).not.toContain('s3cret-token');
});

test('a file that cannot be read is an InputError naming it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'annexa-sandbox-'));
  await expect(loadScenario(join(dir, 'missing.yaml'))).rejects.toThrow(
    /missing\.yaml: cannot read the scenario file \(ENOENT\)/,
  );
  const file = join(dir, 'empty.yaml');
  await writeFile(file, '');
  await expect(loadScenario(file)).resolves.toEqual({});
});

test('fuzz: any text either parses or fails with an InputError naming the file', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), yamlish()), (text) => {
      try {
        parseScenario(text, 'fuzz.yaml');
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message.startsWith('fuzz.yaml')).toBe(true);
      }
    }),
    { numRuns: 300 },
  );
});

test('generated members: exactly the requested number without 2FA, spread out, unique', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (members, wanted) => {
      const without2fa = Math.min(wanted, members);
      const generated = generateMembers({ members, without2fa, admins: 1, loginPrefix: 'u', firstId: 1 });
      expect(generated).toHaveLength(members);
      expect(generated.filter((member) => !member.twoFactor)).toHaveLength(without2fa);
      expect(new Set(generated.map((member) => member.login)).size).toBe(members);
    }),
    { numRuns: 100 },
  );
});

/** Scenario-shaped YAML with random leaves, to reach the schema rather than only the YAML parser. */
function yamlish(): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    fc.string(),
    fc.integer().map(String),
    fc.constantFrom('true', 'null', '[]', '{}', '-1'),
  );
  return fc
    .record({ login: leaf, id: leaf, tfa: leaf, role: leaf, value: leaf })
    .map(
      (v) =>
        `github:\n  org:\n    login: ${v.login}\n    id: ${v.id}\n    two_factor_requirement_enabled: ${v.tfa}\n  tokens:\n    - { value: ${v.value}, role: ${v.role} }\n`,
    );
}

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
