import type { IncomingHttpHeaders } from 'node:http';
import type { InjectedFault } from './faults.js';

/** A request as a fake service sees it: its path is relative to the service's prefix. */
export interface ServiceRequest {
  /** POST only reaches a service whose `acceptsPost` says yes (a GraphQL endpoint, which reads). */
  method: 'GET' | 'HEAD' | 'POST';
  /** Path below the service prefix, e.g. `/orgs/acme/members`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The request's own absolute URL, as the client addressed it (host header included). */
  url: URL;
  /** The request body, read only for POSTs a service accepts. */
  body?: string;
  /** Absolute URL of the service root, e.g. `http://127.0.0.1:4010/github/api/v3`. */
  baseUrl: string;
}

export interface ServiceResponse {
  status: number;
  headers: Record<string, string>;
  /** Serialised as JSON; absent for empty responses. */
  body?: unknown;
}

/**
 * One fake API mounted under a path prefix of the sandbox server (`/github/api/v3`, later `/aws`, `/google`).
 * The server owns routing, faults and recording; the service owns the API's shapes, including how its faults look.
 */
export interface FakeService {
  name: string;
  /** e.g. `/github/api/v3`; no trailing slash. */
  prefix: string;
  handle(request: ServiceRequest): ServiceResponse;
  /** Called once a response of `handle` has been written (after any latency): ends its concurrency slot. */
  settled?(response: ServiceResponse): void;
  /** Paths below the prefix where a POST is a read (GraphQL queries); every other POST gets 405. */
  acceptsPost?(path: string): boolean;
  fault(request: ServiceRequest, fault: InjectedFault): ServiceResponse;
}
