import type { z } from 'zod';
import type { ControlId } from '../catalog/catalog.js';
import type { JsonValue } from '../evidence/canonical-json.js';
import type { ConnectorDefinition, ConnectorInstanceBase } from './connector.js';
import type { Logger } from './logger.js';

export interface CollectorContext<Config extends ConnectorInstanceBase = ConnectorInstanceBase> {
  /** The connector instance's validated configuration. */
  config: Config;
  log: Logger;
  signal: AbortSignal;
  /** The time collection started; collectors use it instead of the clock so runs are reproducible. */
  now: Date;
}

/** Assets a piece of evidence shows to exist, which make controls relevant whatever the SoA says. */
export interface AssetObservation {
  controls: ControlId[];
  /** e.g. `12 repositories exist in github.com/orgs/acme` */
  reason: string;
}

/**
 * A collector reads through one connector and returns one kind of raw observation. It collects, never judges.
 * Requests it makes are recorded as provenance by the connector, not by the collector.
 */
export interface CollectorDefinition<
  Id extends string = string,
  Config extends ConnectorInstanceBase = ConnectorInstanceBase,
  Client = unknown,
  Data extends JsonValue = JsonValue,
> {
  /** Evidence kind, `<system>.<thing>`, e.g. `github.org-settings`. */
  id: Id;
  /** Bump when the shape or meaning of `data` changes. */
  version: string;
  connector: ConnectorDefinition<string, Config, Client>;
  title: string;
  /** How long the evidence stays fresh, e.g. `24h`. Past it, drift reports the control `stale`. */
  ttl: string;
  /** Controls the evidence bears on (recorded in every evidence record). */
  controls: readonly ControlId[];
  /** Validates what collect returns before it is stored. */
  schema: z.ZodType<Data>;
  /** e.g. `github.com/orgs/acme`; defaults to the connector's describe(). */
  source?(config: Config): string;
  collect(client: Client, context: CollectorContext<Config>): Promise<Data>;
  /** Optional: assets the data shows to exist (for `contradicted-exclusion`). Pure. */
  observesAssets?(data: Data): AssetObservation[];
}

/** Identity factory: keeps the literal types of a collector definition. */
export function defineCollector<
  Id extends string,
  Config extends ConnectorInstanceBase,
  Client,
  Data extends JsonValue,
>(definition: CollectorDefinition<Id, Config, Client, Data>): CollectorDefinition<Id, Config, Client, Data> {
  return definition;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds collectors of every config and client type.
export type AnyCollector = CollectorDefinition<string, any, any, any>;
/** The data type of a collector. Config and client are left open: a connector's secretKeys name keys of its own
 * config, so a collector over a richer config than ConnectorInstanceBase would not match it. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export type CollectorData<C> = C extends CollectorDefinition<string, any, any, infer D> ? D : never;
