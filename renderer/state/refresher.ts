/**
 * Loads a list from main again, one load at a time. A change announced while a load is on its way
 * may be older or newer than that load's answer, so asking during a load runs one more load after
 * it: the last answer always left main after the last announced change.
 */
export interface Refresher {
  run(): Promise<void>;
  readonly running: boolean;
}

export function createRefresher(load: () => Promise<void>): Refresher {
  let current: Promise<void> | null = null;
  let again = false;
  return {
    run() {
      if (current) {
        again = true;
        return current;
      }
      current = (async () => {
        do {
          again = false;
          await load();
        } while (again);
      })().finally(() => {
        current = null;
      });
      return current;
    },
    get running() {
      return current !== null;
    },
  };
}
