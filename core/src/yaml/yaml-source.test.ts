import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../errors/errors.js';
import { catchInputError } from '../testing/catch-input-error.js';
import { formatYamlPath } from './yaml-path.js';
import { parseYamlSource } from './yaml-source.js';
import { describeZodIssues } from './zod-problems.js';

const lineCount = (text: string): number => text.split('\n').length;

describe('parseYamlSource', () => {
  const text = ['name: acme', 'controls:', '  - id: 8.10', '    risks: [R-1, R-2]', '  - id: "8.5"', ''].join(
    '\n',
  );

  it('maps a path to the line and column it was written on', () => {
    const source = parseYamlSource(text, 'soa.yaml', 'test');
    expect(source.locate(['controls', 0, 'risks', 1])).toEqual({ line: 4, column: 18 });
    expect(source.locate(['controls', 1, 'id'])).toEqual({ line: 5, column: 9 });
    expect(source.locate(['controls', 1, 'id'], { key: true })).toEqual({ line: 5, column: 5 });
  });

  it('points a missing key at the deepest part that exists', () => {
    const source = parseYamlSource(text, 'soa.yaml', 'test');
    expect(source.locate(['controls', 1, 'status']).line).toBe(5);
    expect(source.locate(['nothing', 'here']).line).toBe(1);
  });

  it('keeps the text of a scalar as written, so 8.10 is not lost to the number 8.1', () => {
    const source = parseYamlSource(text, 'soa.yaml', 'test');
    expect((source.value as { controls: { id: unknown }[] }).controls[0]?.id).toBe(8.1);
    expect(source.sourceText(['controls', 0, 'id'])).toBe('8.10');
  });

  it('keeps a __proto__ key as plain data', () => {
    const source = parseYamlSource('__proto__: { polluted: true }\n', 'x.yaml', 'test');
    const value = source.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it.each([
    ['a syntax error', 'a: 1\nb: c: d\ne: 1\n', 2],
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n', 3],
    ['an alias without anchor (yaml throws a ReferenceError here)', '*-', 1],
    ['an alias to an unknown anchor', 'a: 1\nb: *nothing\n', 2],
    ['a recursive alias', 'a: 1\nb: &x [*x]\n', 2],
    ['a complex key', 'a: 1\n? [x, y]\n: 2\n', 2],
    ['two documents', 'a: 1\n---\nb: 2\n', 2],
  ])('turns %s into an InputError naming file and line', (_label, source, line) => {
    const error = catchInputError(() => parseYamlSource(source, 'conf.yaml', 'my-code'));
    expect(error.code).toBe('my-code');
    expect(error.problems[0]?.location.file).toBe('conf.yaml');
    expect(error.problems[0]?.location.line).toBe(line);
    expect(error.message).toContain(`conf.yaml:${line}`);
  });

  it('stops an alias bomb instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const error = catchInputError(() => parseYamlSource(`${levels.join('\n')}\n`, 'bomb.yaml', 'test'));
    expect(error.message).toContain('alias expansions');
  });

  it('stops nesting deeper than any real file', () => {
    const error = catchInputError(() =>
      parseYamlSource(`${'['.repeat(500)}${']'.repeat(500)}`, 'deep.yaml', 'test'),
    );
    expect(error.problems[0]?.location.line).toBe(1);
  });

  it('lets nothing but InputError escape, with lines inside the file', () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          'a:',
          ' b',
          '- ',
          '*x',
          '&x ',
          '[',
          ']',
          '{',
          '}',
          ',',
          ':',
          '"',
          "'",
          '\n',
          '  ',
          '#',
          '? ',
          '!!str ',
          '%YAML 1.2\n',
          '---\n',
          '\t',
          '|\n',
          '>-\n',
          'x',
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), yamlish), (text) => {
        try {
          parseYamlSource(text, 'fuzz.yaml', 'fuzz');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          for (const problem of (error as InputError).problems) {
            expect(problem.location.line).toBeGreaterThanOrEqual(1);
            expect(problem.location.line).toBeLessThanOrEqual(lineCount(text));
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('formatYamlPath', () => {
  it('writes keys dotted and indexes in brackets, quoting keys that are not words', () => {
    expect(formatYamlPath(['connectors', 0, 'token'])).toBe('connectors[0].token');
    expect(formatYamlPath(['a.b', 'c d'])).toBe('["a.b"]["c d"]');
    expect(formatYamlPath([])).toBe('');
  });
});

describe('describeZodIssues', () => {
  const schema = z
    .object({
      name: z.string(),
      count: z.number().optional(),
      kind: z.enum(['a', 'b']).optional(),
      token: z
        .string()
        .refine((value) => value.startsWith('tok_'), { error: (issue) => `bad token ${String(issue.input)}` })
        .optional(),
    })
    .strict();
  const text = 'entry:\n  count: "3"\n  kind: c\n  token: hunter2-secret\n  colour: red\n';
  const source = parseYamlSource(text, 'x.yaml', 'test');
  const input = (source.value as { entry: unknown }).entry;
  const result = schema.safeParse(input);
  const problems = result.success
    ? []
    : describeZodIssues(result.error.issues, source, {
        at: ['entry'],
        input,
        isSensitive: (path) => path.at(-1) === 'token',
      });
  const byPath = (path: string) => problems.find((problem) => formatYamlPath(problem.path) === path);

  it('tells a missing field from a wrong one, each at its line', () => {
    expect(byPath('entry.name')).toMatchObject({ kind: 'missing-field', position: { line: 2 } });
    expect(byPath('entry.count')).toMatchObject({ kind: 'invalid-field', position: { line: 2 } });
    expect(byPath('entry.count')?.message).toBe('expected a number, got text');
    expect(byPath('entry.kind')?.message).toBe('must be one of: a, b');
  });

  it('reports each unknown key at the key itself', () => {
    expect(byPath('entry.colour')).toMatchObject({ kind: 'unknown-key', position: { line: 5, column: 3 } });
    expect(byPath('entry.colour')?.message).toContain('"colour"');
  });

  it('never lets a schema message quote the value of a sensitive field', () => {
    const token = byPath('entry.token');
    expect(token?.kind).toBe('invalid-field');
    expect(token?.message).not.toContain('hunter2');
    expect(token?.position.line).toBe(4);
  });
});
