// The bootstrap's progress on stderr, a line per stream: done/total, rate, time left and the data
// received. On a terminal it redraws in place; in a log (not a TTY) it prints a line every 10 %.
import type { BootstrapProgress } from './bootstrap';

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;
const grouped = new Intl.NumberFormat('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.ceil(seconds);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
}

function bootstrapLine(progress: BootstrapProgress, elapsedSeconds: number): string {
  const { stream, done } = progress;
  const total = Math.max(progress.total, done);
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * BAR_WIDTH);
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const eta = done >= total ? 'done' : `ETA ${rate > 0 ? duration((total - done) / rate) : '?'}`;
  return [
    stream.padEnd(10),
    `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`,
    `${grouped.format(done)}/${grouped.format(total)}`,
    `${Math.floor(share * 100)}%`.padStart(4),
    `${grouped.format(Math.round(rate))}/s`,
    eta,
    `${grouped.format(Math.round(progress.bytes / 1e6))} MB`,
  ].join('  ');
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
