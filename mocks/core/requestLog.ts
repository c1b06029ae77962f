import type { Vendor } from '../spec/specRegistry.js';

export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  vendor: Vendor | null;
  operationId: string | null;
  headers: Record<string, string>;
}

/** Headers whose values are secrets: never logged, never shown by the control API. */
const secretHeaders = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-bulkmock-token', 'x-api-key']);

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = secretHeaders.has(name) ? '[redacted]' : value;
  return out;
}

/** The most recent requests, newest last, in a fixed-size ring. */
export class RequestLog {
  private entries: RecordedRequest[] = [];

  constructor(private readonly capacity: number) {}

  add(entry: RecordedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Newest first. */
  recent(limit: number): RecordedRequest[] {
    return this.entries.slice(-limit).reverse();
  }

  clear(): void {
    this.entries = [];
  }
}
