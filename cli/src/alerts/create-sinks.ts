import { isAbsolute, join, resolve } from 'node:path';
import type { AlertBatch, AlertSinkConfig } from '@annexa/core';
import { fileSink } from './file-sink.js';
import type { AlertSink, DeliveryResult } from './sink.js';
import { slackSink } from './slack-sink.js';
import { webhookSink } from './webhook-sink.js';

export interface SinkContext {
  /** Directory annexa.yaml is in: relative paths resolve against it. */
  configDir: string;
  lockerDir: string;
  /** First backoff between retries (tests shorten it). */
  backoffMs?: number;
  signal?: AbortSignal;
}

export function createSinks(configs: readonly AlertSinkConfig[], context: SinkContext): AlertSink[] {
  const path = (file: string) => (isAbsolute(file) ? file : resolve(context.configDir, file));
  const defaultDeadLetter = join(context.lockerDir, 'state', 'dead-letter.jsonl');
  return configs.map((config) => {
    if (config.type === 'file') return fileSink(path(config.path));
    const options = {
      retries: config.retries,
      timeoutMs: config.timeout,
      backoffMs: context.backoffMs ?? 1000,
      deadLetter: config.deadLetter === undefined ? defaultDeadLetter : path(config.deadLetter),
      ...(context.signal ? { signal: context.signal } : {}),
    };
    return config.type === 'webhook'
      ? webhookSink({ url: config.url, secret: config.secret }, options)
      : slackSink({ url: config.url }, options);
  });
}

/** Delivers to every sink at once; never throws, whatever the sinks do. */
export async function deliverAll(sinks: readonly AlertSink[], batch: AlertBatch): Promise<DeliveryResult[]> {
  return Promise.all(
    sinks.map((sink) =>
      sink.deliver(batch).catch((error: unknown) => ({
        sink: sink.name,
        ok: false,
        attempts: 1,
        error: `${sink.name}: ${error instanceof Error ? error.name : 'failed'}`,
      })),
    ),
  );
}
