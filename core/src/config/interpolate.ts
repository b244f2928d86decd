import type { YamlPath } from '../yaml/yaml-path.js';

export interface InterpolationProblem {
  path: YamlPath;
  message: string;
}

export interface Interpolated {
  value: unknown;
  /** Paths whose string held a `${VAR}`: their values came from the environment and are never echoed. */
  interpolatedPaths: YamlPath[];
  /** The values read from the environment, to scrub from any message that might still quote them. */
  secrets: string[];
  problems: InterpolationProblem[];
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LITERAL_HINT = `write $\${ for a literal \${`;

/**
 * Replaces `${VAR}` in every string scalar of already-parsed YAML (so a value holding `#` or `: ` cannot
 * change the document's structure) with the environment's value; `$${` is a literal `${`. Keys and
 * non-string scalars are left alone. A variable that is unset or empty is a problem naming it: an empty
 * token fails later with a far less helpful message.
 */
export function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv): Interpolated {
  const result: Interpolated = { value: undefined, interpolatedPaths: [], secrets: [], problems: [] };
  result.value = walk(value, [], env, result);
  return result;
}

function walk(value: unknown, path: (string | number)[], env: NodeJS.ProcessEnv, out: Interpolated): unknown {
  if (typeof value === 'string') return interpolateString(value, path, env, out);
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index], env, out));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty: a `__proto__` key stays a plain key.
      Object.defineProperty(copy, key, {
        value: walk(item, [...path, key], env, out),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return value;
}

function interpolateString(
  text: string,
  path: (string | number)[],
  env: NodeJS.ProcessEnv,
  out: Interpolated,
): string {
  let result = '';
  let usedVariable = false;
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('$${', index)) {
      result += '${';
      index += 3;
      continue;
    }
    if (!text.startsWith('${', index)) {
      result += text[index];
      index += 1;
      continue;
    }
    const end = text.indexOf('}', index + 2);
    if (end === -1) {
      out.problems.push({ path, message: `has \`\${\` without a closing \`}\` (${LITERAL_HINT})` });
      return text;
    }
    const name = text.slice(index + 2, end);
    if (!VARIABLE_NAME.test(name)) {
      // The text between the braces is not echoed: it may be a secret pasted in the wrong place.
      out.problems.push({
        path,
        message: `has a \${...} that does not hold an environment variable name (letters, digits and _; ${LITERAL_HINT})`,
      });
      return text;
    }
    const variable = env[name];
    if (variable === undefined || variable === '') {
      out.problems.push({
        path,
        message: `environment variable ${name} is ${variable === undefined ? 'not set' : 'empty'}: set it before running annexa`,
      });
      return text;
    }
    usedVariable = true;
    out.secrets.push(variable);
    result += variable;
    index = end + 1;
  }
  if (usedVariable) out.interpolatedPaths.push(path);
  return result;
}
