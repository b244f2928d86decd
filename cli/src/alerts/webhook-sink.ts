import { createHmac, randomUUID } from 'node:crypto';
import type { AlertBatch } from '@annexa/core';
import { type HttpDeliveryOptions, postWithRetries } from './http-delivery.js';
import type { AlertSink, DeliveryResult } from './sink.js';

export const SIGNATURE_HEADER = 'x-annexa-signature-256';
export const DELIVERY_HEADER = 'x-annexa-delivery';

/** `sha256=<hex HMAC-SHA256 of the exact body>`, as a receiver recomputes it. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The generic webhook: the annexa.alert/v1 batch as JSON, signed when a secret is configured. */
export function webhookSink(
  config: { url: string; secret?: string | undefined },
  options: HttpDeliveryOptions,
): AlertSink {
  const name = `webhook ${new URL(config.url).host}`;
  return {
    name,
    async deliver(batch: AlertBatch): Promise<DeliveryResult> {
      const body = JSON.stringify(batch);
      const headers: Record<string, string> = { [DELIVERY_HEADER]: randomUUID() };
      if (config.secret !== undefined) headers[SIGNATURE_HEADER] = signBody(config.secret, body);
      return { sink: name, ...(await postWithRetries(name, config.url, body, headers, batch, options)) };
    },
  };
}
