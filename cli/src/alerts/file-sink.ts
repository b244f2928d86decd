import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AlertBatch } from '@annexa/core';
import type { AlertSink, DeliveryResult } from './sink.js';

/** Appends each batch as one JSON line: for log shippers, and a record of every alert sent. */
export function fileSink(path: string): AlertSink {
  const name = `file ${path}`;
  return {
    name,
    async deliver(batch: AlertBatch): Promise<DeliveryResult> {
      try {
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, `${JSON.stringify(batch)}\n`);
        return { sink: name, ok: true, attempts: 1 };
      } catch (error) {
        return {
          sink: name,
          ok: false,
          attempts: 1,
          error: `${name}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`,
        };
      }
    },
  };
}
