// The bootstrap's progress on stderr, a line per stream: done/total, rate, time left and the data
// received. On a terminal it redraws in place; in a log (not a TTY) it prints a line every 10 %.
import { barLine } from '../store/seed/progress';
import type { ProgressStream } from '../store/seed/progress';
import type { BootstrapProgress } from './bootstrap';

const grouped = new Intl.NumberFormat('en-US');

function bootstrapLine(progress: BootstrapProgress, elapsedSeconds: number): string {
  // The expected count is HQ's estimate: the bar never shows more done than expected.
  const total = Math.max(progress.total, progress.done);
  const bar = barLine(progress.stream, progress.done, total, elapsedSeconds);
  return `${bar}  ${grouped.format(Math.round(progress.bytes / 1e6))} MB`;
}

export function createBootstrapProgress(
  out: ProgressStream,
  clock: () => number = () => performance.now(),
): (progress: BootstrapProgress) => void {
  let stream: string | null = null;
  let started = 0;
  let printedTenth = -1;
  let open = false;
  return (progress) => {
    if (progress.stream !== stream) {
      if (open && out.isTTY) out.write('\n');
      stream = progress.stream;
      started = clock();
      printedTenth = -1;
    }
    const line = bootstrapLine(progress, (clock() - started) / 1000);
    if (out.isTTY) {
      out.write(`\r${line}\x1b[K`);
      open = true;
      return;
    }
    const tenth = progress.total === 0 ? 10 : Math.floor((progress.done / progress.total) * 10);
    if (tenth > printedTenth) {
      printedTenth = tenth;
      out.write(`${line}\n`);
    }
  };
}
