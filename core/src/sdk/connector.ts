import type { z } from 'zod';
import type { Logger } from './logger.js';

/** What every connector instance in annexa.yaml has, whatever its type. */
export interface ConnectorInstanceBase {
  /** Unique instance name, e.g. `acme`. */
  name: string;
  type: string;
}

export interface ConnectorContext {
  log: Logger;
  signal: AbortSignal;
}

/**
 * A connector: an authenticated, read-only, rate-limited client for one system. Knows nothing of ISO.
 * `config` validates the instance's entry in annexa.yaml (including `name` and `type`);
 * `create` returns a small typed facade, not the raw SDK.
 */
export interface ConnectorDefinition<
  Type extends string = string,
  Config extends ConnectorInstanceBase = ConnectorInstanceBase,
  Client = unknown,
> {
  type: Type;
  config: z.ZodType<Config>;
  /** Config keys holding secrets: never logged, never written to evidence. */
  secretKeys: readonly (keyof Config & string)[];
  /**
   * Config keys holding file paths: resolved against the directory of annexa.yaml. A dotted key names a field of
   * a nested object (`app.privateKeyFile`).
   */
  pathKeys?: readonly ((keyof Config & string) | `${keyof Config & string}.${string}`)[];
  /** A human name for what the instance observes, e.g. `github.com/orgs/acme`. */
  describe(config: Config): string;
  create(config: Config, context: ConnectorContext): Client | Promise<Client>;
}

/** Identity factory: keeps the literal types of a connector definition. */
export function defineConnector<Type extends string, Config extends ConnectorInstanceBase, Client>(
  definition: ConnectorDefinition<Type, Config, Client>,
): ConnectorDefinition<Type, Config, Client> {
  return definition;
}
