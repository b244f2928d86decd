import { AsyncResource } from 'node:async_hooks';
import PQueue from 'p-queue';

/**
 * A concurrency bound that keeps each task in its caller's async context: p-queue starts a queued task from
 * whichever task finished before it, and without the bind the requests it makes would be recorded as the
 * provenance of another collector.
 */
export class Limiter {
  readonly #queue: PQueue;

  constructor(concurrency: number) {
    this.#queue = new PQueue({ concurrency });
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.#queue.add(AsyncResource.bind(task)) as Promise<T>;
  }
}
