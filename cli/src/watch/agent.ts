import type { Logger } from '@annexa/core';

export interface ScheduledInstance {
  name: string;
  everyMs: number;
  jitterMs: number;
}

export interface WatchAgentOptions {
  instances: readonly ScheduledInstance[];
  /** One run of one instance; a throw is logged and counted, and the agent goes on. */
  runInstance: (name: string) => Promise<void>;
  log: Logger;
  random?: () => number;
}

/** Delay before the next run: the interval, plus or minus up to the jitter, never below zero. */
export function nextDelay(everyMs: number, jitterMs: number, random: () => number = Math.random): number {
  return Math.max(0, Math.round(everyMs + (random() * 2 - 1) * jitterMs));
}

/**
 * Schedules runs per connector instance. Runs go one at a time through one queue (they share the locker's
 * lock), so two runs of one instance never overlap, and an instance whose turn comes while its last run is
 * still queued or running is not queued twice. stop() lets the run in progress finish: its evidence is kept.
 */
export class WatchAgent {
  readonly #options: WatchAgentOptions;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #pending = new Set<string>();
  #tail: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(options: WatchAgentOptions) {
    this.#options = options;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  start(): void {
    const random = this.#options.random ?? Math.random;
    // First runs start at once, spread over the jitter so instances do not all hit their APIs together.
    for (const instance of this.#options.instances)
      this.#schedule(instance, Math.round(random() * instance.jitterMs));
  }

  /** Stops scheduling and waits for the run in progress (and those already queued) to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await this.#tail;
  }

  #schedule(instance: ScheduledInstance, delay: number): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => this.#enqueue(instance), delay);
    this.#timers.set(instance.name, timer);
  }

  #enqueue(instance: ScheduledInstance): void {
    this.#timers.delete(instance.name);
    if (this.#stopped || this.#pending.has(instance.name)) return;
    this.#pending.add(instance.name);
    this.#tail = this.#tail.then(async () => {
      try {
        if (!this.#stopped) await this.#options.runInstance(instance.name);
      } catch (error) {
        this.#options.log.error(
          { instance: instance.name, err: (error as Error).message },
          'run failed; the agent goes on',
        );
      } finally {
        this.#pending.delete(instance.name);
        this.#schedule(instance, nextDelay(instance.everyMs, instance.jitterMs, this.#options.random));
      }
    });
  }
}
