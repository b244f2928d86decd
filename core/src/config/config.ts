import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InputError, type InputProblem } from '../errors/errors.js';
import { type MonitorConfig, monitorConfigSchema, monitorDefaults } from '../monitor/monitor-config.js';
// The run's own instance type, so `config.connectors` feeds collectEvidence as is.
import type { AnyConnectorDefinition, ConnectorInstance } from '../run/collect-evidence.js';
import { readUserFile } from '../yaml/read-user-file.js';
import { formatYamlPath, type YamlPath } from '../yaml/yaml-path.js';
import { parseYamlSource, type YamlSource } from '../yaml/yaml-source.js';
import { describeYamlType, describeZodIssues, toInputProblem } from '../yaml/zod-problems.js';
import { interpolateEnv } from './interpolate.js';

/** annexa.yaml, validated, with every path absolute. */
export interface AnnexaConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Its directory: relative paths in the file resolve against it. */
  dir: string;
  locker: string;
  soa: string;
  risks?: string;
  connectors: ConnectorInstance[];
  /** alerts, schedule and exceptions (docs/monitoring.md); defaults when absent. */
  monitor?: MonitorConfig;
}

export interface ConfigOptions {
  /** The connector types this build knows. */
  connectors: readonly AnyConnectorDefinition[];
  /** Where `${VAR}` is read from; process.env by default. */
  env?: NodeJS.ProcessEnv;
}

const CODE = 'config-invalid';

const pathSchema = z.string().min(1);
const topSchema = z
  .object({
    locker: pathSchema.describe('folder of the evidence locker'),
    soa: pathSchema.describe('the SoA file (soa.yaml)'),
    risks: pathSchema.optional().describe('the risk register (risks.yaml)'),
    connectors: z.array(z.unknown()).default([]),
    ...monitorConfigSchema.shape,
  })
  .strict();

// Names appear in evidence provenance, logs and locker paths: keep them to a safe, readable alphabet.
const instanceSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be 1-63 letters, digits, `.`, `_` or `-`'),
  type: z.string().min(1),
});

/** Reads and validates annexa.yaml. Every problem is reported at once in one InputError `config-invalid`. */
export async function loadConfig(file: string, options: ConfigOptions): Promise<AnnexaConfig> {
  const { text } = await readUserFile(file, CODE, 'run `annexa init` to write one, or pass --config');
  return parseConfig(text, file, options);
}

export function parseConfig(text: string, file: string, options: ConfigOptions): AnnexaConfig {
  const source = parseYamlSource(text, file, CODE);
  const absoluteFile = resolve(file);
  const dir = dirname(absoluteFile);

  const interpolated = interpolateEnv(source.value, options.env ?? process.env);
  const secretPaths: YamlPath[] = [...interpolated.interpolatedPaths];
  const secrets: string[] = [...interpolated.secrets];
  const problems: InputProblem[] = interpolated.problems.map((problem) =>
    fieldProblem(source, problem.path, problem.message),
  );
  const value = interpolated.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({
      location: { file, ...source.locate([]) },
      message: `annexa.yaml is a mapping with locker, soa and connectors, but this file holds ${describeYamlType(value)} (run \`annexa init\` for a template)`,
    });
    throw new InputError(CODE, redact(problems, secrets));
  }

  const top = topSchema.safeParse(value);
  if (!top.success) problems.push(...describe(top.error.issues, source, [], value, secretPaths));

  const connectors: ConnectorInstance[] = [];
  const rawConnectors = (value as { connectors?: unknown }).connectors;
  if (Array.isArray(rawConnectors)) {
    const firstLine = new Map<string, number>();
    for (const [index, entry] of rawConnectors.entries()) {
      const configured = readConnector(
        entry,
        ['connectors', index],
        source,
        options,
        secretPaths,
        secrets,
        problems,
      );
      if (!configured) continue;
      const name = configured.config.name;
      const seenAt = firstLine.get(name);
      if (seenAt !== undefined) {
        problems.push(
          fieldProblem(
            source,
            ['connectors', index, 'name'],
            `connector name "${name}" is used twice (first at line ${seenAt}): names must be unique`,
          ),
        );
        continue;
      }
      firstLine.set(name, source.locate(['connectors', index, 'name']).line);
      connectors.push(configured);
    }
  }

  if (problems.length > 0 || !top.success) throw new InputError(CODE, redact(problems, secrets));
  const { locker, soa, risks, alerts, schedule, exceptions } = top.data;
  return {
    file: absoluteFile,
    dir,
    locker: resolve(dir, locker),
    soa: resolve(dir, soa),
    ...(risks === undefined ? {} : { risks: resolve(dir, risks) }),
    connectors: connectors.map((instance) => resolvePathKeys(instance, dir)),
    monitor: monitorDefaults({
      ...(alerts === undefined ? {} : { alerts }),
      ...(schedule === undefined ? {} : { schedule }),
      ...(exceptions === undefined ? {} : { exceptions }),
    }),
  };
}

function readConnector(
  entry: unknown,
  at: YamlPath,
  source: YamlSource,
  options: ConfigOptions,
  secretPaths: YamlPath[],
  secrets: string[],
  problems: InputProblem[],
): ConnectorInstance | undefined {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    problems.push(
      fieldProblem(source, at, `must be a mapping with name and type, got ${describeYamlType(entry)}`),
    );
    return undefined;
  }
  const base = instanceSchema.safeParse(entry);
  if (!base.success) {
    problems.push(...describe(base.error.issues, source, at, entry, secretPaths));
    return undefined;
  }
  const definition = options.connectors.find((candidate) => candidate.type === base.data.type);
  if (!definition) {
    const known = options.connectors.map((candidate) => candidate.type).join(', ') || '(none)';
    problems.push(
      fieldProblem(
        source,
        [...at, 'type'],
        `unknown connector type "${base.data.type}": known types are ${known}`,
      ),
    );
    return undefined;
  }
  // Literal secrets are hidden too: a schema's message may quote the value it rejected.
  for (const key of definition.secretKeys) {
    secretPaths.push([...at, key]);
    const literal = (entry as Record<string, unknown>)[key];
    if (typeof literal === 'string') secrets.push(literal);
  }
  const unknownKeys = unknownKeysOf(definition, entry);
  for (const key of unknownKeys) {
    const { line, column } = source.locate([...at, key], { key: true });
    problems.push({
      location: { file: source.file, line, column },
      path: formatYamlPath([...at, key]),
      message: `unknown key "${key}" for a ${definition.type} connector: remove it or check its spelling`,
    });
  }
  // Unknown keys are reported above; without them a strict schema does not report them a second time.
  const known = Object.fromEntries(Object.entries(entry).filter(([key]) => !unknownKeys.includes(key)));
  const parsed = definition.config.safeParse(known);
  if (!parsed.success) {
    problems.push(...describe(parsed.error.issues, source, at, known, secretPaths));
    return undefined;
  }
  if (unknownKeys.length > 0) return undefined;
  // name and type are ours: kept even if a definition's schema forgot to declare them.
  return { definition, config: { ...(parsed.data as object), name: base.data.name, type: base.data.type } };
}

/**
 * Keys the definition does not declare. A plain zod object drops unknown keys silently, and a typo like
 * `tokn:` must be an error instead. Only object schemas can be inspected; others validate on their own.
 */
function unknownKeysOf(definition: AnyConnectorDefinition, entry: object): string[] {
  const schema: unknown = definition.config;
  if (!(schema instanceof z.ZodObject)) return [];
  const known = new Set(['name', 'type', ...Object.keys(schema.shape)]);
  return Object.keys(entry).filter((key) => !known.has(key));
}

function describe(
  issues: readonly z.core.$ZodIssue[],
  source: YamlSource,
  at: YamlPath,
  input: unknown,
  secretPaths: readonly YamlPath[],
): InputProblem[] {
  const isSensitive = (path: YamlPath): boolean =>
    secretPaths.some(
      (secret) => secret.length <= path.length && secret.every((segment, index) => path[index] === segment),
    );
  return describeZodIssues(issues, source, { at, input, isSensitive }).map((problem) =>
    toInputProblem(source.file, problem),
  );
}

function fieldProblem(source: YamlSource, path: YamlPath, message: string): InputProblem {
  const { line, column } = source.locate(path);
  const formatted = formatYamlPath(path);
  return {
    location: { file: source.file, line, column },
    ...(formatted ? { path: formatted } : {}),
    message,
  };
}

/**
 * Last line of defence: a value read from the environment never appears in a message, whatever
 * produced the message. Very short values are skipped; they would garble messages and reveal little.
 */
function redact(problems: InputProblem[], secrets: readonly string[]): InputProblem[] {
  const hidden = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  if (hidden.length === 0) return problems;
  return problems.map((problem) => ({
    ...problem,
    message: hidden.reduce((message, secret) => message.split(secret).join('***'), problem.message),
  }));
}

/** Paths in a connector's config (a key file, people.yaml) are relative to annexa.yaml, like locker and soa. */
function resolvePathKeys(instance: ConnectorInstance, dir: string): ConnectorInstance {
  const config: Record<string, unknown> = { ...instance.config };
  for (const key of instance.definition.pathKeys ?? []) {
    // `app.privateKeyFile`: the nested object is copied, never changed in place.
    const [outer = '', inner] = key.split('.', 2);
    const nested = config[outer];
    if (inner === undefined) {
      if (typeof nested === 'string') config[outer] = resolve(dir, nested);
    } else if (typeof nested === 'object' && nested !== null) {
      const value = (nested as Record<string, unknown>)[inner];
      if (typeof value === 'string') config[outer] = { ...nested, [inner]: resolve(dir, value) };
    }
  }
  return { ...instance, config: config as unknown as ConnectorInstance['config'] };
}
