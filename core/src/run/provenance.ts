import { AsyncLocalStorage } from 'node:async_hooks';
import type { ProvenanceRequest } from '../evidence/evidence.js';

/**
 * Provenance without plumbing: the run executes each collector inside `withProvenance`, and connectors call
 * `recordRequest` for every HTTP request they make (from their HTTP hook). Collectors of one connector instance
 * run concurrently on one client; AsyncLocalStorage keeps each request with the collector that caused it.
 */
const current = new AsyncLocalStorage<ProvenanceRequest[]>();

/** Called by connectors for each request made (retries included). Outside a collector it does nothing. */
export function recordRequest(request: ProvenanceRequest): void {
  current.getStore()?.push({ method: request.method, path: request.path, status: request.status });
}

/** Runs fn and returns what it returned with every request recorded while it ran, in order. */
export async function withProvenance<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; requests: ProvenanceRequest[] }> {
  const requests: ProvenanceRequest[] = [];
  const result = await current.run(requests, fn);
  return { result, requests };
}

/** Like withProvenance, but also hands back what was recorded before fn failed. */
export async function withProvenanceSettled<T>(
  fn: () => Promise<T>,
): Promise<
  | { ok: true; result: T; requests: ProvenanceRequest[] }
  | { ok: false; error: unknown; requests: ProvenanceRequest[] }
> {
  const requests: ProvenanceRequest[] = [];
  try {
    const result = await current.run(requests, fn);
    return { ok: true, result, requests };
  } catch (error) {
    return { ok: false, error, requests };
  }
}
