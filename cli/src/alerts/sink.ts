import type { AlertBatch } from '@annexa/core';

/** Where alerts go. A sink never throws: a failed delivery is reported, dead-lettered, and collection goes on. */
export interface AlertSink {
  readonly name: string;
  deliver(batch: AlertBatch): Promise<DeliveryResult>;
}

export interface DeliveryResult {
  sink: string;
  ok: boolean;
  attempts: number;
  /** Why it failed, without secrets (never the URL of a Slack webhook, never a signature). */
  error?: string;
}
