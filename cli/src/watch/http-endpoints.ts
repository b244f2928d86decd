import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EndpointSource {
  /** ok while the agent is running and its last cycle of every instance did not throw. */
  health(): { ok: boolean; detail: Record<string, unknown> };
  metrics(): string;
}

/** `/healthz` (JSON) and `/metrics` (Prometheus text) on 127.0.0.1 only: never exposed beyond the host. */
export async function serveEndpoints(
  port: number,
  source: EndpointSource,
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/healthz') {
      const health = source.health();
      response
        .writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: health.ok ? 'ok' : 'unhealthy', ...health.detail }));
    } else if (path === '/metrics') {
      response
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
        .end(source.metrics());
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${bound}`, server };
}
