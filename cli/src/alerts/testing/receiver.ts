import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A loopback HTTP receiver for alert tests: records every POST and answers with the next status in
 * `statuses` (then 200). Test infrastructure at the network boundary, like the sandbox.
 */
export async function startReceiver(statuses: number[] = []): Promise<{
  url: string;
  received: ReceivedRequest[];
  respondWith(next: number[]): void;
  close(): Promise<void>;
}> {
  const received: ReceivedRequest[] = [];
  let plan = [...statuses];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(plan.shift() ?? 200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/annexa`,
    received,
    respondWith: (next) => {
      plan = [...next];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
