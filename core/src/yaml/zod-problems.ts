import type { z } from 'zod';
import type { InputProblem } from '../errors/errors.js';
import { formatYamlPath, type YamlPath } from './yaml-path.js';
import type { YamlPosition, YamlSource } from './yaml-source.js';

/** One zod issue, told as a user reads it: which field, where it is written, what to do. */
export interface FieldProblem {
  kind: 'unknown-key' | 'missing-field' | 'invalid-field';
  /** Path from the document's root; for an unknown key, the key itself. */
  path: YamlPath;
  position: YamlPosition;
  message: string;
}

export interface DescribeIssuesOptions {
  /** Where the validated value sits in the document; issue paths are relative to it. */
  at?: YamlPath;
  /** The value that was validated, to tell a missing field from a wrong one. */
  input?: unknown;
  /**
   * Paths (from the root) whose values are secrets or came from the environment. Issues there get a message
   * built from the issue kind only, because a schema's own message may quote the value.
   */
  isSensitive?: (path: YamlPath) => boolean;
}

/** Turns zod issues into problems naming field and line; `unrecognized_keys` gives one problem per key. */
export function describeZodIssues(
  issues: readonly z.core.$ZodIssue[],
  source: YamlSource,
  options: DescribeIssuesOptions = {},
): FieldProblem[] {
  const at = options.at ?? [];
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const relative = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    const path = [...at, ...relative];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          kind: 'unknown-key',
          path: [...path, key],
          position: source.locate([...path, key], { key: true }),
          message: `unknown key "${key}": remove it or check its spelling`,
        });
      }
      continue;
    }
    const value = valueAt(options.input, relative);
    const missing = value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union');
    const sensitive = options.isSensitive?.(path) === true;
    problems.push({
      kind: missing ? 'missing-field' : 'invalid-field',
      path,
      position: source.locate(path),
      message: missing ? 'is required' : describeIssue(issue, value, sensitive),
    });
  }
  return problems;
}

/** The same, as InputProblems for an InputError. */
export function zodIssuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  source: YamlSource,
  options: DescribeIssuesOptions = {},
): InputProblem[] {
  return describeZodIssues(issues, source, options).map((problem) => toInputProblem(source.file, problem));
}

export function toInputProblem(file: string, problem: FieldProblem): InputProblem {
  const { line, column } = problem.position;
  const path = formatYamlPath(problem.path);
  return {
    location: { file, line, column },
    ...(path === '' ? {} : { path }),
    message: problem.message,
  };
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return current;
}

/** What kind of value the user wrote, never the value itself. */
export function describeYamlType(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'true/false';
  return `a ${typeof value}`;
}

const HIDDEN = '(value not shown: it is a secret or comes from the environment)';

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  boolean: 'true or false',
  number: 'a number',
  array: 'a list',
  object: 'a mapping',
  date: 'a date',
};

function describeIssue(issue: z.core.$ZodIssue, value: unknown, sensitive: boolean): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      // YAML reads 2026.1 or 8.10 as numbers and yes/no as text: quoting is the fix nearly every time.
      const hint =
        issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
          ? ' (put the value in quotes)'
          : '';
      return `expected ${expected}, got ${describeYamlType(value)}${hint}`;
    }
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `must list at least ${issue.minimum} item(s)`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must list at most ${issue.maximum} item(s)`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'date') return 'must be a date written YYYY-MM-DD';
      if (issue.format === 'url') return 'must be a URL';
      if (issue.format === 'email') return 'must be an e-mail address';
      return sensitive ? `has an invalid format ${HIDDEN}` : issue.message;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((allowed) => String(allowed)).join(', ')}`;
    case 'invalid_union': {
      // A union of plain types (text or a date): say which types would do rather than "no match".
      const expected = issue.errors.flatMap((branch) =>
        branch.length === 1 && branch[0]?.code === 'invalid_type'
          ? [EXPECTED[branch[0].expected] ?? branch[0].expected]
          : [],
      );
      return expected.length === issue.errors.length && expected.length > 0
        ? `expected ${expected.join(' or ')}, got ${describeYamlType(value)}`
        : 'does not match any of the accepted forms';
    }
    default:
      return sensitive ? `is not valid ${HIDDEN}` : issue.message;
  }
}
