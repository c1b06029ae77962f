/** Where generated text goes. `write` returns a promise when the caller must wait (backpressure). */
export interface TextSink {
  write(chunk: string): void | Promise<void>;
  /** Flushes and closes; rejects if anything could not be written. */
  close(): Promise<void>;
}

/** A sink that keeps the text in memory: for tests and small fixtures. */
export function memorySink(): TextSink & { text(): string } {
  const chunks: string[] = [];
  return {
    write: (chunk) => void chunks.push(chunk),
    close: () => Promise.resolve(),
    text: () => chunks.join(''),
  };
}
