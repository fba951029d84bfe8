// A progress line per table on stderr: done/total, rate and time left. On a terminal it redraws in
// place; in a log or CI (not a TTY) it prints a line every 10 %, so the log stays readable.
import type { SeedProgress, SeedTable } from './write';

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;
const grouped = new Intl.NumberFormat('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

/** One bar: label, done/total, share, rate and time left (also the till's first download, sync/). */
export function barLine(label: string, done: number, total: number, elapsedSeconds: number): string {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * BAR_WIDTH);
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const eta = done >= total ? 'done' : `ETA ${rate > 0 ? duration((total - done) / rate) : '?'}`;
  return [
    label.padEnd(10),
    `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`,
    `${grouped.format(done)}/${grouped.format(total)}`,
    `${Math.floor(share * 100)}%`.padStart(4),
    `${grouped.format(Math.round(rate))}/s`,
    eta,
  ].join('  ');
}

export function progressLine(progress: SeedProgress, elapsedSeconds: number): string {
  return barLine(progress.table, progress.done, progress.total, elapsedSeconds);
}

export function createProgressReporter(
  stream: ProgressStream,
  clock: () => number = () => performance.now(),
): (progress: SeedProgress) => void {
  let table: SeedTable | null = null;
  let started = 0;
  let printedTenth = -1;
  let finished = false;
  return (progress) => {
    if (progress.table !== table) {
      table = progress.table;
      started = clock();
      printedTenth = -1;
      finished = false;
    }
    // A table's last batch and its closing report can both say "done"; the line is closed once.
    if (finished) return;
    finished = progress.done >= progress.total;
    const line = progressLine(progress, (clock() - started) / 1000);
    if (stream.isTTY) {
      stream.write(`\r${line}\x1b[K${finished ? '\n' : ''}`);
      return;
    }
    const tenth = progress.total === 0 ? 10 : Math.floor((progress.done / progress.total) * 10);
    if (tenth > printedTenth) {
      printedTenth = tenth;
      stream.write(`${line}\n`);
    }
  };
}
