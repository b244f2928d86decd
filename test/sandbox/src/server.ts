import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { type AwsSandbox, startAwsFake } from './aws/server.js';
import { FaultPlan, type Faults } from './faults.js';
import { createGitHubFake } from './github/fake.js';
import { createGoogleFake } from './google/fake.js';
import { loadScenario, type SandboxScenario, type SandboxWorld, sandboxScenarioSchema } from './scenario.js';
import type { FakeService, ServiceRequest, ServiceResponse } from './service.js';

export interface StartSandboxOptions {
  /** The scenario itself, or the path of a YAML scenario file. */
  scenario: SandboxScenario | string;
  faults?: Faults;
  /** 0 (any free port) unless told. The server listens on 127.0.0.1 only. */
  port?: number;
}

/** One request as the sandbox saw it. Never a header value: only whether an Authorization header was sent. */
export interface RecordedRequest {
  method: string;
  /** Path and query as requested, from the server root, e.g. `/github/api/v3/orgs/acme/members?page=2`. */
  path: string;
  status: number;
  /** RFC 3339 UTC with milliseconds: when the request arrived. */
  time: string;
  hasAuthorization: boolean;
  /** The User-Agent header (not a secret; lets tests see who called). */
  userAgent: string | null;
  /** Which fake answered (`github`), or null when no fake matched the path. */
  service: string | null;
}

export interface Sandbox {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** e.g. `http://127.0.0.1:41234/github/api/v3`: what Octokit takes as `baseUrl`. */
  githubBaseUrl: string;
  /** Every request so far, in order of arrival (live array). */
  requests: RecordedRequest[];
  /** The AWS fake (its own loopback port), when the scenario has an `aws` section. */
  aws: AwsSandbox | null;
  setFaults(faults: Faults): void;
  /** Replaces the world every later request sees (e.g. compliant → drifted), keeping port and request log. */
  setScenario(scenario: SandboxScenario | string): Promise<void>;
  resetRequests(): void;
  close(): Promise<void>;
}

/** Starts the loopback fake of the provider APIs the scenario describes. */
export async function startSandbox(options: StartSandboxOptions): Promise<Sandbox> {
  const world: SandboxWorld =
    typeof options.scenario === 'string'
      ? await loadScenario(options.scenario)
      : parseWorld(options.scenario);
  const services: FakeService[] = [];
  if (world.github) services.push(createGitHubFake(world.github));
  if (world.google) services.push(createGoogleFake(world.google));

  const faults = new FaultPlan(options.faults);
  const requests: RecordedRequest[] = [];

  const server = createServer((request, response) => {
    const time = new Date().toISOString();
    // Read any request body (only a GraphQL POST uses it; at most 1 MiB kept), leaving the socket clean.
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 2 ** 20) chunks.push(chunk);
    });
    const body = new Promise<string>((resolve) =>
      request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))),
    );
    void body
      .then((text) => respond(request, services, faults, text))
      .then(async (answered) => {
        if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
        requests.push({
          method: request.method ?? '',
          path: request.url ?? '',
          status: answered.response.status,
          time,
          hasAuthorization: request.headers.authorization !== undefined,
          userAgent: request.headers['user-agent'] ?? null,
          service: answered.service,
        });
        write(response, request.method === 'HEAD', answered.response);
        services.find((service) => service.name === answered.service)?.settled?.(answered.response);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // AWS calls are logged on `aws.calls` (service, operation, account), not in the HTTP log of the other fakes.
  const aws = world.aws ? await startAwsFake(world.aws) : null;

  return {
    url,
    githubBaseUrl: `${url}/github/api/v3`,
    requests,
    aws,
    setFaults: (next) => faults.set(next),
    setScenario: async (next) => {
      const nextWorld = typeof next === 'string' ? await loadScenario(next) : parseWorld(next);
      // GitHub and Google fakes only: the AWS fake listens on its own port and keeps its world.
      services.splice(
        0,
        services.length,
        ...(nextWorld.github ? [createGitHubFake(nextWorld.github)] : []),
        ...(nextWorld.google ? [createGoogleFake(nextWorld.google)] : []),
      );
    },
    resetRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        const awsClosed = aws?.close() ?? Promise.resolve();
        server.close((error) => (error ? reject(error) : awsClosed.then(resolve, reject)));
        // Clients keep connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

function parseWorld(scenario: SandboxScenario): SandboxWorld {
  const parsed = sandboxScenarioSchema.safeParse(scenario);
  if (!parsed.success) throw new TypeError(`invalid sandbox scenario: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The answer to one request; a bug in a fake becomes a 500 that says so rather than a hung client. */
async function respond(
  request: IncomingMessage,
  services: readonly FakeService[],
  faults: FaultPlan,
  body = '',
): Promise<{ response: ServiceResponse; service: string | null }> {
  try {
    return answer(request, services, faults, body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { response: jsonResponse(500, { message: `sandbox bug: ${message}` }), service: null };
  }
}

function answer(
  request: IncomingMessage,
  services: readonly FakeService[],
  faults: FaultPlan,
  body = '',
): { response: ServiceResponse; service: string | null } {
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
  const service = services.find(
    (candidate) => url.pathname === candidate.prefix || url.pathname.startsWith(`${candidate.prefix}/`),
  );
  if (!service) {
    return {
      response: jsonResponse(404, { message: 'Not Found: no fake service at this path' }),
      service: null,
    };
  }
  const method = request.method;
  const servicePath = url.pathname.slice(service.prefix.length) || '/';
  const readingPost = method === 'POST' && service.acceptsPost?.(servicePath) === true;
  if (method !== 'GET' && method !== 'HEAD' && !readingPost) {
    // Annexa is read-only: anything else is answered and recorded, so a test can prove it never happens.
    const body = { message: `Method ${method ?? ''} not allowed: the sandbox is read-only` };
    return { response: jsonResponse(405, body, { allow: 'GET, HEAD' }), service: service.name };
  }
  const serviceRequest: ServiceRequest = {
    method: readingPost ? 'POST' : (method as 'GET' | 'HEAD'),
    path: servicePath,
    ...(readingPost ? { body } : {}),
    query: url.searchParams,
    headers: request.headers,
    url,
    baseUrl: `${url.origin}${service.prefix}`,
  };
  const fault = faults.take();
  const response = fault ? service.fault(serviceRequest, fault) : service.handle(serviceRequest);
  return { response, service: service.name };
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): ServiceResponse {
  return { status, body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}

function write(response: ServerResponse, head: boolean, answer: ServiceResponse): void {
  const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...answer.headers,
    ...(answer.status === 304 ? {} : { 'content-length': String(Buffer.byteLength(payload)) }),
  });
  response.end(head || answer.status === 304 ? undefined : payload);
}
