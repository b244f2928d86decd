import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

/** Knobs tests turn; defaults suit a real estate. */
export interface AwsTuning {
  /** Attempts per call, the first included, with the SDK's adaptive retry (client-side rate limiting). */
  maxAttempts: number;
  /** Calls in flight per service and account (IAM throttles hardest: AWS advises serial IAM calls). */
  serviceConcurrency: { iam: number; other: number };
  /** First wait between credential-report polls while AWS builds the report (doubling up to 5 s). */
  reportPollMs: number;
  reportPolls: number;
  requestTimeoutMs: number;
}

export const DEFAULT_TUNING: AwsTuning = {
  maxAttempts: 8,
  serviceConcurrency: { iam: 1, other: 4 },
  reportPollMs: 500,
  reportPolls: 30,
  requestTimeoutMs: 30_000,
};

export interface ClientSettings {
  region: string;
  credentials: AwsCredentialIdentityProvider | undefined;
  endpoint: string | undefined;
  tuning: AwsTuning;
}

/** The options every SDK client of Annexa gets. No `logger`: the SDK's own logging stays off. */
export function baseClientConfig(settings: ClientSettings) {
  const endpoint = settings.endpoint;
  return {
    region: settings.region,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    retryMode: 'adaptive',
    maxAttempts: settings.tuning.maxAttempts,
    requestHandler: httpHandler(settings.tuning.requestTimeoutMs),
  } as const;
}

/** AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL, as the SDK reads them (it applies them itself). */
export function configuredEndpoint(serviceEnvName: string): string | undefined {
  if (/^true$/i.test(process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '')) return undefined;
  return process.env[`AWS_ENDPOINT_URL_${serviceEnvName}`] || process.env.AWS_ENDPOINT_URL || undefined;
}

const handlers = new Map<number, NodeHttpHandler>();

/** One keep-alive handler per timeout setting, shared by every client of the process. */
function httpHandler(requestTimeout: number): NodeHttpHandler {
  let handler = handlers.get(requestTimeout);
  if (!handler) {
    handler = new NodeHttpHandler({
      requestTimeout,
      connectionTimeout: 10_000,
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
    });
    handlers.set(requestTimeout, handler);
  }
  return handler;
}
