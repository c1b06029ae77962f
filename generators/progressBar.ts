/** A progress bar for long runs on a terminal. */
export interface ProgressBar {
  update(done: number): void;
  /** Draws the final state, if the bar was ever shown. */
  finish(): void;
}

export interface ProgressBarOptions {
  total: number;
  /** Writes one line; a line break is added after it (as the CLI's Output does). */
  write: (line: string) => void;
  /** Milliseconds; injected so that tests need no wall clock. */
  now?: () => number;
  /** A run shorter than this shows no bar at all. */
  delayMs?: number;
  /** At most one redraw per interval. */
  intervalMs?: number;
}

const width = 30;
const numbers = new Intl.NumberFormat('en-US');
// Cursor one line up and clear it: the writer ends each frame with a line break, so each redraw
// steps back onto the previous frame.
const redraw = '\u001b[1A\u001b[2K';

export function createProgressBar({
  total,
  write,
  now = () => performance.now(),
  delayMs = 500,
  intervalMs = 100,
}: ProgressBarOptions): ProgressBar {
  const started = now();
  let lastDraw: number | null = null;
  let last = 0;

  const draw = (done: number, at: number) => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * width);
    const seconds = (at - started) / 1000;
    const rate = seconds > 0 ? ` ${numbers.format(Math.round(done / seconds))} rows/s` : '';
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${numbers.format(done)} of ${numbers.format(total)} rows${rate}`;
    write(lastDraw === null ? bar : redraw + bar);
    lastDraw = at;
  };

  return {
    update(done) {
      last = done;
      const at = now();
      if (at - started < delayMs) return;
      if (lastDraw !== null && at - lastDraw < intervalMs) return;
      draw(done, at);
    },
    finish() {
      if (lastDraw !== null) draw(Math.max(last, total), now());
    },
  };
}
