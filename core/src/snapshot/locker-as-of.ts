import type { Locker, StoredRun } from '../locker/locker.js';

/**
 * The locker as it stood at `at`: only runs started before it (listRuns and headRun). A read-only view for judging the state as of
 * the end of an audit period; every other method is the locker's own.
 */
export function lockerAsOf(locker: Locker, at: Date): Locker {
  async function* listRuns(): AsyncGenerator<StoredRun> {
    for await (const run of locker.listRuns()) {
      if (Date.parse(run.record.startedAt) < at.getTime()) yield run;
    }
  }
  async function headRun(): Promise<StoredRun | undefined> {
    let head: StoredRun | undefined;
    for await (const run of listRuns()) head = run;
    return head;
  }
  return new Proxy(locker, {
    get(target, property) {
      if (property === 'listRuns') return listRuns;
      if (property === 'headRun') return headRun;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
