/** The environment variable that turns the report on, for benches. */
const heapReportVariable = 'BULKMOCK_REPORT_HEAP';

/**
 * When BULKMOCK_REPORT_HEAP is set and node runs with --expose-gc, every SIGUSR2 runs a full
 * collection and prints on stderr the heap that is left, which is what the mock keeps:
 *   heap after gc 48123456 bytes
 * bench:soak reads it before and after its run to measure the bytes kept per retained import.
 */
export function reportHeapOnSignal(env: NodeJS.ProcessEnv, write: (line: string) => void): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!env[heapReportVariable] || !gc) return () => undefined;
  const report = () => {
    // Twice: the first collection can leave what finalizers released for the second.
    gc();
    gc();
    write(`heap after gc ${process.memoryUsage().heapUsed} bytes`);
  };
  process.on('SIGUSR2', report);
  return () => process.off('SIGUSR2', report);
}
