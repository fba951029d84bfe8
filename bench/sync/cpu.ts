// CPU seconds spent by the processes of a sync benchmark (Linux /proc; null elsewhere), so the JSON
// says where a figure's time went: HQ's process, PostgreSQL's, the pushing terminals', PouchDB's.
// On 2 shared cores a rate is bounded by the sum of these per record, not by any one of them.
import { readFileSync, readdirSync } from 'node:fs';
import type { Pool } from '../../hq/db/pool';

const TICKS_PER_SECOND = 100; // USER_HZ: Linux reports CPU times in these

/** utime, stime and, with `children`, the CPU of children already exited and waited for. */
function cpuOf(pid: number, children: boolean): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  // Fields 14–17 of stat(5), counted here from field 3 (state).
  const [utime = 0, stime = 0, cutime = 0, cstime = 0] = fields.slice(11, 15);
  return (utime + stime + (children ? cutime + cstime : 0)) / TICKS_PER_SECOND;
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** A process and every process it started (PostgreSQL's backends), exited ones included. */
export function processTreeCpu(pid: number): number | null {
  try {
    let total = cpuOf(pid, true);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (parentOf(Number(entry)) === pid) total += cpuOf(Number(entry), false);
      } catch {
        // exited while we looked: its time is in the parent's children's time
      }
    }
    return total;
  } catch {
    return null;
  }
}

/** PostgreSQL's postmaster: the parent of the backend serving `db`. */
export async function postmasterPid(db: Pool): Promise<number | null> {
  const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const backend = rows[0]?.pid;
  try {
    return backend === undefined ? null : parentOf(backend);
  } catch {
    return null;
  }
}

export const ownCpu = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** CPU seconds of each named part between `start()` and `stop()`. */
export function cpuMeter<K extends string>(parts: Record<K, () => number | null>) {
  const read = () =>
    Object.fromEntries(
      Object.entries<() => number | null>(parts).map(([name, of]) => [name, of()]),
    ) as Record<K, number | null>;
  const before = read();
  return {
    stop(): Record<K, number | null> {
      const after = read();
      return Object.fromEntries(
        Object.keys(parts).map((name) => {
          const [from, to] = [before[name as K], after[name as K]];
          return [name, from === null || to === null ? null : Number((to - from).toFixed(2))];
        }),
      ) as Record<K, number | null>;
    },
  };
}

/** Microseconds of CPU per record, all parts together; null when a part could not be read. */
export function cpuMicrosecondsPer(
  records: number,
  cpuSeconds: Record<string, number | null>,
): number | null {
  const parts = Object.values(cpuSeconds);
  if (parts.some((part) => part === null)) return null;
  return Math.round((parts.reduce<number>((total, part) => total + (part ?? 0), 0) * 1e6) / records);
}
