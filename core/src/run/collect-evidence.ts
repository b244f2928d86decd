import PQueue from 'p-queue';
import type { z } from 'zod';
import { AnnexaError } from '../errors/errors.js';
import { summarizeZodIssues } from '../errors/zod-summary.js';
import type { JsonValue } from '../evidence/canonical-json.js';
import { EVIDENCE_SCHEMA, type Evidence, type EvidenceRecord } from '../evidence/evidence.js';
import type { Locker } from '../locker/locker.js';
import type { AnyCollector } from '../sdk/collector.js';
import type { ConnectorDefinition, ConnectorInstanceBase } from '../sdk/connector.js';
import type { Logger } from '../sdk/logger.js';
import { addMs, parseDuration, toTimestamp } from '../time/time.js';
import { type CollectionFailure, describeCollectionFailure, errorSummary } from './collection-failure.js';
import { withProvenanceSettled } from './provenance.js';
import type { CollectionOutcome } from './run-record.js';

// biome-ignore lint/suspicious/noExplicitAny: instances of every connector type run side by side.
export type AnyConnectorDefinition = ConnectorDefinition<string, any, any>;

export interface ConnectorInstance {
  definition: AnyConnectorDefinition;
  /** The instance's validated entry from annexa.yaml. */
  config: ConnectorInstanceBase;
}

export type CollectProgressEvent =
  | { kind: 'started'; instance: string; collector: string }
  | { kind: 'finished'; outcome: CollectionOutcome };

export interface CollectOptions {
  instances: readonly ConnectorInstance[];
  collectors: readonly AnyCollector[];
  locker: Locker;
  log: Logger;
  /** The clock; collectedAt and expiresAt come from it. */
  now?: () => Date;
  /** Collectors running at once, over all instances (default 8). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (event: CollectProgressEvent) => void;
}

export interface CollectResult {
  /** One per (instance, collector), in instance then collector order. */
  outcomes: CollectionOutcome[];
  /** The evidence stored, in the same order. */
  evidence: Evidence[];
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs every instance's collectors under one bounded queue and stores what they return as evidence.
 * A failing collector or connector never costs the others' evidence: each gets an outcome instead.
 */
export async function collectEvidence(options: CollectOptions): Promise<CollectResult> {
  assertDistinctInstances(options.instances);
  const now = options.now ?? (() => new Date());
  const signal = options.signal ?? new AbortController().signal;
  const queue = new PQueue({ concurrency: options.concurrency ?? 8 });

  const tasks = options.instances.flatMap(({ definition, config }) => {
    const log = options.log.child({ connector: config.name });
    const client = lazyClient(definition, config, { log, signal });
    return options.collectors
      .filter((collector) => collector.connector.type === definition.type)
      .map((collector) =>
        queue.add(() => collectOne({ definition, config, collector, client, log, now, signal, options })),
      );
  });
  const settled = await Promise.all(tasks);
  return {
    outcomes: settled.map((entry) => entry.outcome),
    evidence: settled.flatMap((entry) => (entry.evidence ? [entry.evidence] : [])),
  };
}

interface CollectOneInput {
  definition: AnyConnectorDefinition;
  config: ConnectorInstanceBase;
  collector: AnyCollector;
  client: () => Promise<Settled<unknown>>;
  log: Logger;
  now: () => Date;
  signal: AbortSignal;
  options: CollectOptions;
}

async function collectOne(
  input: CollectOneInput,
): Promise<{ outcome: CollectionOutcome; evidence?: Evidence }> {
  const { definition, config, collector, now, signal } = input;
  const log = input.log.child({ collector: collector.id });
  const started = now();
  const startedMs = performance.now();
  const base = {
    instance: config.name,
    connectorType: definition.type,
    collector: collector.id,
    collectorVersion: collector.version,
  };
  const finish = (
    fields: { status: 'collected'; evidence: Evidence } | CollectionFailure,
    requests: number,
  ): { outcome: CollectionOutcome; evidence?: Evidence } => {
    const durationMs = Math.max(0, performance.now() - startedMs);
    if (fields.status !== 'collected') {
      // The child logger already names the instance (connector) and the collector.
      log.warn({ reason: fields.reason }, 'collection failed');
    }
    const outcome: CollectionOutcome =
      fields.status === 'collected'
        ? { ...base, status: 'collected', evidence: fields.evidence.id, requests, durationMs }
        : { ...base, status: fields.status, reason: fields.reason, requests, durationMs };
    report(input.options, log, { kind: 'finished', outcome });
    return fields.status === 'collected' ? { outcome, evidence: fields.evidence } : { outcome };
  };

  report(input.options, log, { kind: 'started', instance: config.name, collector: collector.id });
  if (signal.aborted) return finish({ status: 'error', reason: 'the run was cancelled before it ran' }, 0);
  const ttlMs = parseDuration(collector.ttl);
  if (ttlMs === undefined) {
    return finish(
      { status: 'error', reason: `collector ${collector.id} has an invalid ttl "${collector.ttl}"` },
      0,
    );
  }
  const client = await input.client();
  if (!client.ok) return finish(describeCollectionFailure(client.error, collector.id), 0);

  const collected = await withProvenanceSettled(() =>
    collector.collect(client.value, { config, log, signal, now: started }),
  );
  const requests = collected.requests.length;
  if (!collected.ok) {
    if (!(collected.error instanceof AnnexaError)) log.debug({ err: collected.error }, 'collector crashed');
    return finish(describeCollectionFailure(collected.error, collector.id), requests);
  }
  // Collector code (schema refinements, source()) runs below too: whatever it throws becomes this outcome.
  try {
    const parsed = (collector.schema as z.ZodType<JsonValue>).safeParse(collected.result);
    if (!parsed.success) {
      const reason = `collector ${collector.id} returned data that does not match its schema: ${summarizeZodIssues(parsed.error)}`;
      return finish({ status: 'error', reason }, requests);
    }
    const collectedAt = toTimestamp(started);
    const record: EvidenceRecord = {
      schema: EVIDENCE_SCHEMA,
      connector: { instance: config.name, type: definition.type },
      collector: { id: collector.id, version: collector.version },
      source: collector.source?.(config) ?? definition.describe(config),
      collectedAt,
      expiresAt: addMs(collectedAt, ttlMs),
      provenance: { requests: collected.requests },
      controls: [...collector.controls],
      data: parsed.data,
    };
    const evidence = await input.options.locker.putEvidence(record);
    return finish({ status: 'collected', evidence }, requests);
  } catch (error) {
    log.debug({ err: error }, 'storing evidence failed');
    const reason = `could not store the evidence of ${collector.id}: ${errorSummary(error)}`;
    return finish({ status: 'error', reason }, requests);
  }
}

/** Creates the instance's client once, when its first collector needs it; a failure is kept, not thrown. */
function lazyClient(
  definition: AnyConnectorDefinition,
  config: ConnectorInstanceBase,
  context: { log: Logger; signal: AbortSignal },
): () => Promise<Settled<unknown>> {
  let client: Promise<Settled<unknown>> | undefined;
  return () => {
    client ??= (async () => {
      try {
        return { ok: true, value: await definition.create(config, context) };
      } catch (error) {
        const { reason } = describeCollectionFailure(error, `${definition.type} connector`);
        context.log.warn({ reason }, 'connector could not be created');
        if (!(error instanceof AnnexaError)) context.log.debug({ err: error }, 'connector crashed');
        return { ok: false, error };
      }
    })();
    return client;
  };
}

function report(options: CollectOptions, log: Logger, event: CollectProgressEvent): void {
  try {
    options.onProgress?.(event);
  } catch (error) {
    // A progress display must never cost evidence.
    log.debug({ err: error }, 'progress callback failed');
  }
}

function assertDistinctInstances(instances: readonly ConnectorInstance[]): void {
  const seen = new Set<string>();
  for (const { definition, config } of instances) {
    if (seen.has(config.name)) {
      throw new AnnexaError('duplicate-instance', `two connector instances are named "${config.name}"`);
    }
    if (config.type !== definition.type) {
      throw new AnnexaError(
        'connector-mismatch',
        `instance "${config.name}" has type "${config.type}" but was given the ${definition.type} connector`,
      );
    }
    seen.add(config.name);
  }
}
