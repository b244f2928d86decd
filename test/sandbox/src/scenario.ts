import { readFile } from 'node:fs/promises';
import { InputError, type InputProblem } from '@annexa/core';
import { isNode, LineCounter, parseDocument, YAMLError } from 'yaml';
import { z } from 'zod';
import { awsScenarioSchema } from './aws/scenario.js';
import { githubScenarioSchema } from './github/scenario.js';
import { googleScenarioSchema } from './google/scenario.js';

/** Everything the sandbox serves. One key per fake service; a scenario may hold any of them. */
export const sandboxScenarioSchema = z
  .object({
    /** Free text: what this scenario shows. */
    description: z.string().optional(),
    github: githubScenarioSchema.optional(),
    aws: awsScenarioSchema.optional(),
    google: googleScenarioSchema.optional(),
  })
  .strict();

export type SandboxScenario = z.input<typeof sandboxScenarioSchema>;
export type SandboxWorld = z.output<typeof sandboxScenarioSchema>;

const SCENARIO_INVALID = 'sandbox-scenario-invalid';

/** Reads and validates a YAML scenario; every problem names the file, line and field. */
export async function loadScenario(file: string): Promise<SandboxWorld> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new InputError(SCENARIO_INVALID, [
      { location: { file }, message: `cannot read the scenario file (${reason}): check the path` },
    ]);
  }
  return parseScenario(text, file);
}

/** Parses scenario YAML text; `file` names it in errors. */
export function parseScenario(text: string, file: string): SandboxWorld {
  const lineCounter = new LineCounter();
  let document: ReturnType<typeof parseDocument>;
  let value: unknown;
  try {
    document = parseDocument(text, { lineCounter, uniqueKeys: true });
    if (document.errors.length > 0) throw document.errors[0];
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml throws more than YAMLParseError (e.g. a ReferenceError for `*-`): every failure is bad input here.
    const line = error instanceof YAMLError ? error.linePos?.[0] : undefined;
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : 'unparseable';
    throw new InputError(SCENARIO_INVALID, [
      {
        location: line ? { file, line: line.line, column: line.col } : { file },
        message: `not valid YAML: ${reason}`,
      },
    ]);
  }
  const parsed = sandboxScenarioSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems: InputProblem[] = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String);
    // An unknown key is best shown where it is written, not at the start of its object.
    const where =
      issue.code === 'unrecognized_keys' && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path;
    const offset = locate(document, where);
    const position = offset === undefined ? undefined : lineCounter.linePos(offset);
    return {
      location: position ? { file, line: position.line, column: position.col } : { file },
      ...(path.length > 0 ? { path: dotted(issue.path) } : {}),
      message: issue.message,
    };
  });
  throw new InputError(SCENARIO_INVALID, problems);
}

/** Offset of the deepest node that exists along the path (a missing key points at its parent). */
function locate(
  document: ReturnType<typeof parseDocument>,
  path: readonly PropertyKey[],
): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

function dotted(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
