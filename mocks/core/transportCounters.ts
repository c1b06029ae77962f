/**
 * What an HTTP adapter counts about its connections, shown by `GET /__bulkmock/health`. Only the
 * standalone server has connections; under MSW these stay at zero.
 */
export interface TransportCounters {
  /** Requests being answered now (read, computed, delayed or written). */
  pendingAnswers: number;
  /** Answers dropped because their client closed the connection before they were written in full. */
  abandonedAnswers: number;
  /** Answers aborted because the client took none of their bytes for --write-timeout. */
  writeTimeouts: number;
  /** Requests refused with 408 because their body stalled for --request-timeout. */
  requestTimeouts: number;
}

export function createTransportCounters(): TransportCounters {
  return { pendingAnswers: 0, abandonedAnswers: 0, writeTimeouts: 0, requestTimeouts: 0 };
}
