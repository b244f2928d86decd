import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type YAMLError,
  type Node as YamlNode,
} from 'yaml';
import { InputError, type InputProblem } from '../errors/errors.js';
import type { YamlPath } from './yaml-path.js';

/** A 1-based position in a user's file. */
export interface YamlPosition {
  line: number;
  column: number;
}

/** A parsed user file: its plain value plus a way back from a path to the line it was written on. */
export interface YamlSource {
  file: string;
  text: string;
  /** Plain JSON-like data: objects, arrays, strings, numbers, booleans, null. */
  value: unknown;
  /**
   * Where the value at `path` was written. When the path goes further than the document does (a missing key),
   * the deepest node that exists is used, so a "missing field" points at the mapping that lacks it.
   * With `key: true` the position of the last segment's key is returned instead of its value.
   */
  locate(path: YamlPath, options?: { key?: boolean }): YamlPosition;
  /** The exact text of the scalar at `path`, as written (e.g. `8.10` where the value is the number 8.1). */
  sourceText(path: YamlPath): string | undefined;
}

// Aliases let a few bytes expand into gigabytes ("billion laughs"); no legitimate config needs this many.
const MAX_ALIAS_EXPANSIONS = 1000;
// Deeper nesting than this is never a real SoA or config; stop before the stack does.
const MAX_DEPTH = 100;

class YamlShapeError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses one YAML document of a user's file. Syntax errors, duplicate keys, unresolvable or recursive aliases
 * and anything else the parser throws become one InputError (`code`) naming file and line: nothing else escapes.
 */
export function parseYamlSource(text: string, file: string, code: string): YamlSource {
  const lineCounter = new LineCounter();
  const position = (offset: number): YamlPosition => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };
  const fail = (problems: InputProblem[], cause?: unknown): never => {
    throw new InputError(code, problems, cause === undefined ? {} : { cause });
  };

  let doc: Document.Parsed;
  try {
    // prettyErrors off: the pretty form quotes the source line, which may hold a secret.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    // The parser should report through doc.errors, but deep nesting can still overflow the stack.
    return fail([{ location: { file, line: 1 }, message: 'the file could not be read as YAML' }], error);
  }
  if (doc.errors.length > 0) {
    fail(
      doc.errors.map((error) => {
        const { line, column } = position(error.pos[0]);
        return { location: { file, line, column }, message: describeYamlError(error) };
      }),
    );
  }

  let value: unknown;
  try {
    value = toPlain(doc, doc.contents, { expansions: 0, resolving: new Set() }, 0);
  } catch (error) {
    const { line, column } = position(error instanceof YamlShapeError ? error.offset : 0);
    const message = error instanceof YamlShapeError ? error.message : 'the file could not be read as YAML';
    return fail([{ location: { file, line, column }, message }], error);
  }

  const nodeAt = (path: YamlPath, key: boolean): YamlNode | undefined => {
    let current: unknown = doc.contents;
    let found: YamlNode | undefined = isNode(current) ? current : undefined;
    for (const [index, segment] of path.entries()) {
      if (isAlias(current)) current = current.resolve(doc);
      let next: unknown;
      let keyNode: unknown;
      if (isMap(current)) {
        const pair = current.items.find((item) => plainKey(item.key) === String(segment));
        keyNode = pair?.key;
        next = pair?.value ?? pair?.key;
      } else if (isSeq(current) && typeof segment === 'number') {
        next = current.items[segment];
      }
      if (!isNode(next)) break;
      found = key && index === path.length - 1 && isNode(keyNode) ? keyNode : next;
      current = next;
    }
    return found;
  };

  return {
    file,
    text,
    value,
    locate(path, options = {}) {
      const node = nodeAt(path, options.key === true);
      return position(node?.range?.[0] ?? 0);
    },
    sourceText(path) {
      const node = nodeAt(path, false);
      if (!isScalar(node) || !node.range) return undefined;
      return text.slice(node.range[0], node.range[1]).trim();
    },
  };
}

function isNode(value: unknown): value is YamlNode {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

function plainKey(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

interface ConvertContext {
  expansions: number;
  resolving: Set<unknown>;
}

/** AST to plain data, written here rather than `toJS()` so every failure carries the offset it happened at. */
function toPlain(doc: Document.Parsed, node: unknown, context: ConvertContext, depth: number): unknown {
  const offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
  if (depth > MAX_DEPTH) throw new YamlShapeError(offset, `nesting deeper than ${MAX_DEPTH} levels`);
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    context.expansions += 1;
    if (context.expansions > MAX_ALIAS_EXPANSIONS)
      throw new YamlShapeError(offset, `more than ${MAX_ALIAS_EXPANSIONS} alias expansions`);
    const target = node.resolve(doc);
    if (!target) throw new YamlShapeError(offset, `alias *${node.source} names no anchor defined before it`);
    if (context.resolving.has(target))
      throw new YamlShapeError(offset, `alias *${node.source} refers to itself`);
    context.resolving.add(target);
    const value = toPlain(doc, target, context, depth + 1);
    context.resolving.delete(target);
    return value;
  }
  if (isScalar(node)) return node.value;
  if (isSeq(node)) {
    return node.items.map((item) =>
      isPair(item) ? pairsToObject(doc, [item], context, depth + 1) : toPlain(doc, item, context, depth + 1),
    );
  }
  if (isMap(node)) return pairsToObject(doc, node.items, context, depth);
  throw new YamlShapeError(offset, 'unsupported YAML node');
}

function pairsToObject(
  doc: Document.Parsed,
  pairs: readonly { key: unknown; value: unknown }[],
  context: ConvertContext,
  depth: number,
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const pair of pairs) {
    if (!isScalar(pair.key)) {
      const at = isNode(pair.key) ? pair.key : pair.value;
      const offset = isNode(at) ? (at.range?.[0] ?? 0) : 0;
      throw new YamlShapeError(offset, 'mapping keys must be plain words or quoted strings');
    }
    // defineProperty: a key named `__proto__` must stay data, never become the object's prototype.
    Object.defineProperty(object, String(pair.key.value), {
      value: toPlain(doc, pair.value, context, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

function describeYamlError(error: YAMLError): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return 'this key appears twice in the same mapping: keep one';
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document (`---`): keep one';
    case 'TAB_AS_INDENT':
      return 'tabs cannot indent YAML: use spaces';
    default:
      return `invalid YAML: ${error.message}`;
  }
}
