import { InputError } from '@annexa/core';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseSandboxArgs } from './bin-args.js';

test('reads --scenario and an optional --port', () => {
  expect(parseSandboxArgs(['--scenario', 'a.yaml'])).toEqual({ scenario: 'a.yaml' });
  expect(parseSandboxArgs(['--scenario=a.yaml', '--port', '4010'])).toEqual({
    scenario: 'a.yaml',
    port: 4010,
  });
});

test('bad arguments say what is wrong and how to call it', () => {
  expect(() => parseSandboxArgs([])).toThrow(/--scenario: is required; usage:/);
  expect(() => parseSandboxArgs(['--scenario', 'a', '--port', '70000'])).toThrow(
    /--port: must be a whole number/,
  );
  expect(() => parseSandboxArgs(['--scenario', 'a', '--verbose'])).toThrow(
    /Unknown option '--verbose'.*usage:/,
  );
});

test('fuzz: any argv parses or fails with an InputError', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.string(), fc.constantFrom('--scenario', '--port', '-p', '--'))),
      (argv) => {
        try {
          const args = parseSandboxArgs(argv);
          expect(args.scenario.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      },
    ),
  );
});
