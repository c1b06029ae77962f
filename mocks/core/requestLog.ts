import type { Vendor } from '../spec/specRegistry.js';
import { redactHeaders, redactQuery } from './redaction.js';

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

/**
 * A request as the log keeps it: its parts as they came, turned into a RecordedRequest (time
 * formatted, query written out, secrets redacted) only when someone reads the log, because most
 * logged requests are never read and this runs on every request.
 */
export interface LoggedRequest extends Omit<RecordedRequest, 'at' | 'query' | 'headers'> {
  /** Clock time, ms. */
  at: number;
  query: URLSearchParams;
  /** As received; redacted on reading. Never mutated after logging. */
  headers: Readonly<Record<string, string>>;
}

/** The most recent requests, newest last, in a fixed-size ring (adding never moves the older entries). */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  /** Where the next entry goes once the ring is full: the oldest entry. */
  private next = 0;

  constructor(private readonly capacity: number) {}

  add(entry: LoggedRequest): void {
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Newest first. */
  recent(limit: number): RecordedRequest[] {
    const count = Math.min(Math.max(limit, 0), this.entries.length);
    const out: RecordedRequest[] = [];
    for (let i = 1; i <= count; i++) {
      const entry = this.entries[(this.next - i + this.entries.length) % this.entries.length]!;
      out.push({
        ...entry,
        at: new Date(entry.at).toISOString(),
        query: redactQuery(entry.query),
        headers: redactHeaders(entry.headers),
      });
    }
    return out;
  }

  clear(): void {
    this.entries = [];
    this.next = 0;
  }
}
