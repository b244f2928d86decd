import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { RecordedRequest } from '../server.js';
import { type AwsCallInfo, AwsFake, errorFor, isReadOnlyOperation } from './fake.js';
import type { AwsWorld } from './scenario.js';

export const awsFaultsSchema = z
  .object({
    /** The next `first` calls (of `service` only, when given) are throttled in their protocol's way. */
    throttle: z
      .object({ first: z.number().int().nonnegative(), service: z.string().optional() })
      .strict()
      .optional(),
    serverErrors: z
      .object({ first: z.number().int().nonnegative(), status: z.union([z.literal(500), z.literal(503)]) })
      .strict()
      .optional(),
  })
  .strict();
export type AwsFaults = z.input<typeof awsFaultsSchema>;

/** One AWS call as the fake saw it: which account, region, service and operation, and the answer. */
export interface AwsRecordedCall {
  service: string;
  region: string;
  operation: string;
  /** The account the credentials belong to; null for an unknown key. */
  account: string | null;
  status: number;
  /** True for a call the fake refused because it would change something. */
  mutating: boolean;
  throttled: boolean;
}

export interface AwsSandbox {
  /** e.g. `http://127.0.0.1:41235`: one endpoint for every AWS service (`endpoint` in annexa.yaml). */
  url: string;
  calls: AwsRecordedCall[];
  setFaults(faults: AwsFaults): void;
  resetCalls(): void;
  close(): Promise<void>;
}

/**
 * The AWS fake on its own loopback port: AWS clients POST bodies and some drop path prefixes, so it does not
 * share the GitHub server's read-only GET router. Requests are routed by the service of the SigV4 credential
 * scope. Writes are refused (AccessDenied) and recorded as `mutating`.
 */
export async function startAwsFake(
  world: AwsWorld,
  options: { port?: number; record?: (request: RecordedRequest) => void } = {},
): Promise<AwsSandbox> {
  const fake = new AwsFake(world);
  const calls: AwsRecordedCall[] = [];
  let throttle: { left: number; service: string | undefined } | undefined;
  let serverErrors: { left: number; status: number } | undefined;

  const server = createServer((request, response) => {
    const time = new Date().toISOString();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const awsRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const call = fake.identify(awsRequest);
      let answer: { status: number; headers: Record<string, string>; body: string };
      let throttled = false;
      if (!call) {
        answer = {
          status: 403,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'Missing Authentication Token' }),
        };
      } else if (
        throttle &&
        throttle.left > 0 &&
        (throttle.service === undefined || throttle.service === call.service)
      ) {
        throttle.left--;
        throttled = true;
        answer = fake.throttle(call);
      } else if (serverErrors && serverErrors.left > 0) {
        serverErrors.left--;
        answer = errorFor(
          call,
          serverErrors.status,
          serverErrors.status === 503 ? 'ServiceUnavailable' : 'InternalFailure',
          'sandbox fault',
        );
      } else {
        try {
          answer = fake.handle(awsRequest, call);
        } catch (error) {
          answer = errorFor(
            call,
            500,
            'InternalFailure',
            `sandbox bug: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      if (call) calls.push(recordOf(call, fake, answer.status, throttled));
      options.record?.({
        method: awsRequest.method,
        path: call ? `/aws/${call.service}/${call.region}/${call.operation}` : (request.url ?? '/'),
        status: answer.status,
        time,
        hasAuthorization: request.headers.authorization !== undefined,
        userAgent: request.headers['user-agent'] ?? null,
        service: 'aws',
      });
      response.writeHead(answer.status, {
        ...answer.headers,
        'content-length': String(Buffer.byteLength(answer.body)),
        'x-amzn-requestid': 'sandbox',
      });
      response.end(request.method === 'HEAD' ? undefined : answer.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setFaults(faults) {
      const parsed = awsFaultsSchema.parse(faults);
      throttle = parsed.throttle
        ? { left: parsed.throttle.first, service: parsed.throttle.service }
        : undefined;
      serverErrors = parsed.serverErrors
        ? { left: parsed.serverErrors.first, status: parsed.serverErrors.status }
        : undefined;
    },
    resetCalls() {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function recordOf(call: AwsCallInfo, fake: AwsFake, status: number, throttled: boolean): AwsRecordedCall {
  return {
    service: call.service,
    region: call.region,
    operation: call.operation,
    account: fake.accountOf(call.accessKeyId) ?? null,
    status,
    mutating: !isReadOnlyOperation(call.operation),
    throttled,
  };
}
