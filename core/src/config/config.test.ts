// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} in plain strings is the config syntax under test.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../errors/errors.js';
import { defineConnector } from '../sdk/connector.js';
import { loadConfig, parseConfig } from './config.js';
import { generateConfigTemplate } from './config-template.js';

// Test data, not a mock: two small connector types as a connector package would define them.
const tiny = defineConnector({
  type: 'tiny',
  config: z.object({
    name: z.string(),
    type: z.literal('tiny'),
    org: z.string().min(1),
    token: z.string().refine((token) => token.startsWith('tok_'), {
      error: (issue) => `token ${String(issue.input)} is bad`,
    }),
    baseUrl: z.url().optional(),
    retries: z.number().int().optional(),
  }),
  secretKeys: ['token'],
  describe: (config) => `tiny/${config.org}`,
  create: (config) => ({ org: config.org }),
});
const other = defineConnector({
  type: 'other',
  config: z
    .object({
      name: z.string(),
      type: z.literal('other'),
      region: z.string(),
      keyFile: z.string().optional(),
    })
    .strict(),
  secretKeys: [],
  pathKeys: ['keyFile'],
  describe: (config) => config.region,
  create: () => ({}),
});
const connectors = [tiny, other];
const TOKEN = 'tok_s3cr3t-value-0123456789';

function configError(text: string, env: NodeJS.ProcessEnv = { TINY_TOKEN: TOKEN }): InputError {
  try {
    parseConfig(text, '/srv/annexa/annexa.yaml', { connectors, env });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const base = [
  'locker: ./evidence',
  'soa: ./soa.yaml',
  'connectors:',
  '  - name: acme',
  '    type: tiny',
  '    org: acme',
  '    token: ${TINY_TOKEN}',
];
const configText = (...extra: string[]): string => `${[...base, ...extra].join('\n')}\n`;

describe('parseConfig', () => {
  it('validates each connector with its definition and resolves paths against the file', () => {
    const config = parseConfig(
      configText('  - name: eu', '    type: other', '    region: eu-west-1', 'risks: ../risks.yaml'),
      '/srv/annexa/annexa.yaml',
      { connectors, env: { TINY_TOKEN: TOKEN } },
    );
    expect(config).toMatchObject({
      file: '/srv/annexa/annexa.yaml',
      dir: '/srv/annexa',
      locker: '/srv/annexa/evidence',
      soa: '/srv/annexa/soa.yaml',
      risks: '/srv/risks.yaml',
    });
    expect(config.connectors.map(({ definition, config }) => [definition.type, config])).toEqual([
      ['tiny', { name: 'acme', type: 'tiny', org: 'acme', token: TOKEN }],
      ['other', { name: 'eu', type: 'other', region: 'eu-west-1' }],
    ]);
  });

  it('interpolates string scalars only, after parsing, and $${ is a literal ${', () => {
    const config = parseConfig(
      `${[
        'locker: ${DIR}/evidence',
        'soa: "$${HOME}/soa.yaml"',
        'connectors:',
        '  - name: acme',
        '    type: tiny',
        '    org: "${ORG}"',
        '    token: ${TINY_TOKEN}',
        '    retries: 3',
      ].join('\n')}\n`,
      '/srv/annexa.yaml',
      { connectors, env: { DIR: '/data', ORG: 'a: b # not a comment', TINY_TOKEN: TOKEN } },
    );
    expect(config.locker).toBe('/data/evidence');
    expect(config.soa).toBe('/srv/${HOME}/soa.yaml');
    expect(config.connectors[0]?.config).toMatchObject({ org: 'a: b # not a comment', retries: 3 });
  });

  it('names a missing variable, the file and the line, for each one', () => {
    const error = configError(
      configText('  - name: b', '    type: tiny', '    org: ${ORG_B}', '    token: x'),
      {},
    );
    expect(error.code).toBe('config-invalid');
    expect(error.problems.map((problem) => [problem.location.line, problem.path])).toEqual(
      expect.arrayContaining([
        [7, 'connectors[0].token'],
        [10, 'connectors[1].org'],
      ]),
    );
    expect(error.message).toContain(
      '/srv/annexa/annexa.yaml:7:12: connectors[0].token: environment variable TINY_TOKEN is not set',
    );
    expect(error.message).toContain('ORG_B');
  });

  it('rejects an empty variable and a malformed ${...}', () => {
    expect(configError(configText(), { TINY_TOKEN: '' }).message).toContain('TINY_TOKEN is empty');
    const error = configError(
      configText().replace('org: acme', 'org: ${not valid}').replace('soa: ./soa.yaml', 'soa: ${OPEN'),
    );
    expect(error.problems.map((problem) => problem.path)).toEqual(['soa', 'connectors[0].org']);
  });

  it('reports unknown keys by name, at the key, at the top and in a connector', () => {
    const error = configError(configText('    tokn: oops', 'lockr: ./x'));
    expect(error.problems.map((problem) => [problem.location.line, problem.path])).toEqual([
      [9, 'lockr'],
      [8, 'connectors[0].tokn'],
    ]);
    expect(error.message).toContain('"lockr"');
    expect(error.message).toContain('"tokn"');
  });

  it('reports an unknown key once even when the connector schema is strict', () => {
    const error = configError(configText('  - name: eu', '    type: other', '    region: x', '    zone: b'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.path).toBe('connectors[1].zone');
  });

  it('lists the known types for an unknown type', () => {
    const error = configError(configText('  - name: b', '    type: gitlab'));
    expect(error.problems).toEqual([
      expect.objectContaining({ path: 'connectors[1].type', location: expect.objectContaining({ line: 9 }) }),
    ]);
    expect(error.message).toContain('known types are tiny, other');
  });

  it('rejects duplicate instance names and names that cannot be used in paths', () => {
    const duplicate = configError(configText('  - name: acme', '    type: other', '    region: x'));
    expect(duplicate.problems).toEqual([
      expect.objectContaining({ path: 'connectors[1].name', location: expect.objectContaining({ line: 8 }) }),
    ]);
    expect(duplicate.message).toContain('first at line 4');
    expect(configError(configText().replace('name: acme', 'name: ../etc')).problems[0]?.path).toBe(
      'connectors[0].name',
    );
  });

  it('requires locker and soa, and a mapping at the top', () => {
    const error = configError('connectors: []\n');
    expect(error.problems.map((problem) => problem.path)).toEqual(['locker', 'soa']);
    expect(configError('- a\n').problems[0]?.location.line).toBe(1);
  });

  it('never puts a secret or an interpolated value in a message', () => {
    const badToken = 'ghp_interpolated-but-wrong-prefix';
    const fromEnv = configError(configText('    baseUrl: ${URL}'), {
      TINY_TOKEN: badToken,
      URL: 'not a url with pass=hunter22',
    });
    expect(fromEnv.problems.map((problem) => problem.path)).toEqual([
      'connectors[0].token',
      'connectors[0].baseUrl',
    ]);
    const literal = configError(configText().replace('${TINY_TOKEN}', 'ghp_literal-secret-in-file'));
    for (const message of [
      fromEnv.message,
      literal.message,
      JSON.stringify(fromEnv.problems),
      JSON.stringify(literal.problems),
    ]) {
      expect(message).not.toContain('interpolated-but-wrong');
      expect(message).not.toContain('hunter22');
      expect(message).not.toContain('literal-secret');
    }
  });

  it('fuzz: only InputError ever escapes', () => {
    const fragment = fc.constantFrom(
      'locker: ./e\n',
      'soa: s\n',
      'connectors:\n',
      '  - name: a\n',
      '    type: tiny\n',
      '    type: other\n',
      '    token: ${TINY_TOKEN}\n',
      '    org: $${x}\n',
      '    org: ${\n',
      '  - 5\n',
      'connectors: 3\n',
      '[',
      '*x',
      ': ',
      '\t',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (candidate) => {
        try {
          parseConfig(candidate, 'fuzz.yaml', { connectors, env: { TINY_TOKEN: TOKEN } });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).not.toContain(TOKEN);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('loadConfig and the template', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'annexa-config-'));
    await mkdir(join(dir, 'conf'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the file and resolves relative paths against its folder', async () => {
    await writeFile(join(dir, 'conf', 'annexa.yaml'), configText());
    const config = await loadConfig(join(dir, 'conf', 'annexa.yaml'), {
      connectors,
      env: { TINY_TOKEN: TOKEN },
    });
    expect(config.locker).toBe(join(dir, 'conf', 'evidence'));
    expect(config.dir).toBe(join(dir, 'conf'));
  });

  it('names a missing file', async () => {
    await expect(loadConfig(join(dir, 'absent.yaml'), { connectors })).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringContaining('absent.yaml: file not found'),
    });
  });

  it('writes a template that loads with a GitHub connector and GITHUB_TOKEN', () => {
    const github = defineConnector({
      type: 'github',
      config: z
        .object({
          name: z.string(),
          type: z.literal('github'),
          org: z.string(),
          token: z.string(),
          baseUrl: z.url().optional(),
        })
        .strict(),
      secretKeys: ['token'],
      describe: (config) => config.org,
      create: () => ({}),
    });
    const text = generateConfigTemplate();
    const config = parseConfig(text, '/x/annexa.yaml', {
      connectors: [github],
      env: { GITHUB_TOKEN: 'ghp_x' },
    });
    expect(config.connectors[0]?.config).toEqual({
      name: 'github',
      type: 'github',
      org: 'your-org',
      token: 'ghp_x',
    });
    expect(config.soa).toBe('/x/soa.yaml');
    expect(() => parseConfig(text, '/x/annexa.yaml', { connectors: [github], env: {} })).toThrow(
      /GITHUB_TOKEN/,
    );
  });
});

describe('connector paths', () => {
  it('resolves the path keys of a connector against the directory of annexa.yaml, like locker and soa', () => {
    const config = parseConfig(
      'locker: ./evidence\nsoa: ./soa.yaml\nconnectors:\n  - { name: o, type: other, region: eu, keyFile: ./keys/sa.json }\n  - { name: p, type: other, region: eu, keyFile: /etc/annexa/sa.json }\n',
      '/srv/annexa/annexa.yaml',
      { connectors },
    );
    expect(config.connectors.map((c) => (c.config as { keyFile?: string }).keyFile)).toEqual([
      '/srv/annexa/keys/sa.json',
      '/etc/annexa/sa.json',
    ]);
  });
});
