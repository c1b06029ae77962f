import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The environment variable that turns the report on, for benches: its value is the period in ms (`1`: every second). */
const eventLoopReportVariable = 'BULKMOCK_REPORT_EVENT_LOOP';

/**
 * When BULKMOCK_REPORT_EVENT_LOOP is set, prints one line per period (its value in ms, at least 50;
 * `1` or anything else: a second) on stderr with the event loop's delay over that period
 * (perf_hooks.monitorEventLoopDelay, 1 ms resolution):
 *   event-loop delay p99 3.1 ms max 7.9 ms over 100 ms
 * bench:ingest reads it (every 100 ms) to check that settling a large import never stalls the server.
 */
export function reportEventLoopDelay(env: NodeJS.ProcessEnv, write: (line: string) => void): () => void {
  const setting = env[eventLoopReportVariable];
  if (!setting) return () => undefined;
  const periodMs = Number(setting) >= 50 ? Number(setting) : 1_000;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let since = performance.now();
  const timer = setInterval(() => {
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    // A blocked loop fires the timer late: "over" says how long the period really was.
    const now = performance.now();
    write(
      `event-loop delay p99 ${ms(histogram.percentile(99))} ms max ${ms(histogram.max)} ms over ${(now - since).toFixed(0)} ms`,
    );
    since = now;
    histogram.reset();
  }, periodMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    histogram.disable();
  };
}
