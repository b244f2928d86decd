import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AlertBatch } from '@annexa/core';

export interface HttpDeliveryOptions {
  /** Retries after the first attempt. */
  retries: number;
  timeoutMs: number;
  /** First wait between attempts; doubled each time, with up to 50% jitter. */
  backoffMs: number;
  deadLetter: string;
  signal?: AbortSignal;
}

/**
 * POSTs a body, retrying network errors, timeouts, 429 and 5xx with exponential backoff; a 4xx other than 429
 * is not retried (the receiver refuses it). What cannot be delivered is appended to the dead-letter file.
 * Error messages name the sink and status, never the URL (a Slack webhook URL is a secret).
 */
export async function postWithRetries(
  sink: string,
  url: string,
  body: string,
  headers: Record<string, string>,
  batch: AlertBatch,
  options: HttpDeliveryOptions,
): Promise<{ ok: boolean; attempts: number; error?: string }> {
  let attempts = 0;
  let error = 'not attempted';
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) {
      const wait = options.backoffMs * 2 ** (attempt - 1) * (1 + Math.random() * 0.5);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    if (options.signal?.aborted) break;
    attempts++;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'annexa-alerts', ...headers },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, attempts };
      error = `${sink} answered HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) break;
    } catch (caught) {
      error = `${sink} unreachable (${caught instanceof Error ? caught.name : 'error'})`;
    }
  }
  await deadLetter(options.deadLetter, { sink, error, failedAt: new Date().toISOString(), batch });
  return { ok: false, attempts, error };
}

/** Appends one undelivered batch as a JSON line; a failure here is swallowed: alerts never stop a run. */
export async function deadLetter(path: string, entry: unknown): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await appendFile(path, `${JSON.stringify(entry)}\n`);
  } catch {
    // Nowhere left to put it; the caller reports the failed delivery.
  }
}
