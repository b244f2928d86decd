import { recordRequest } from '@annexa/core';
import type { Pluggable } from '@smithy/types';
import { type AwsService, isReadOperation } from './iam-actions.js';

/** Where a client sends its requests, for provenance: `<account>/<region>/<service>`. */
export interface CallSite {
  service: AwsService;
  account: string | undefined;
  region: string;
}

interface HttpRequestLike {
  method?: string;
  path?: string;
}

/**
 * Two middlewares for every SDK client:
 * - a read-only guard that refuses any operation that is not a read (GenerateCredentialReport is the one
 *   documented exception: it creates a report and changes no configuration), before anything is signed or sent;
 * - a recorder, inside the retry loop, that records every attempt as provenance: method, a path naming the
 *   account, region, service and operation (plus the HTTP path of REST calls, e.g. a bucket), and the status.
 *   Never a header, a query signature or a body.
 */
export function annexaPlugin(site: CallSite): Pluggable<object, object> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const operation = operationOf(context);
          if (!isReadOperation(operation)) {
            throw new Error(`refusing to send ${site.service}:${operation}: Annexa only reads`);
          }
          return next(args);
        },
        { step: 'initialize', name: 'annexaReadOnlyGuard', priority: 'high' },
      );
      stack.add(
        (next, context) => async (args) => {
          const request = args.request as HttpRequestLike;
          const path = provenancePath(site, operationOf(context), request.path);
          const method = request.method ?? 'POST';
          try {
            const result = await next(args);
            const status = (result.response as { statusCode?: number }).statusCode ?? 0;
            recordRequest({ method, path, status });
            return result;
          } catch (error) {
            recordRequest({ method, path, status: statusOf(error) });
            throw error;
          }
        },
        { step: 'deserialize', name: 'annexaProvenance', priority: 'high' },
      );
    },
  };
}

function operationOf(context: object): string {
  const name = (context as { commandName?: unknown }).commandName;
  return typeof name === 'string' ? name.replace(/Command$/, '') : 'Unknown';
}

/** `111111111111/eu-west-1/cloudtrail/DescribeTrails`; REST calls add their path: `…/s3/GetBucketEncryption /logs`. */
export function provenancePath(site: CallSite, operation: string, httpPath: string | undefined): string {
  const base = `${site.account ?? 'caller'}/${site.region}/${site.service}/${operation}`;
  return httpPath && httpPath !== '/' ? `${base} ${httpPath}` : base;
}

function statusOf(error: unknown): number {
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata;
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : 0;
}
