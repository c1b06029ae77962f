import { decodeBase64 } from '../core/base64.js';
import { credentialNames, redactEntry } from './credentialRedaction.js';
import { isTruncated, type HarEntry, type HarLog } from './har.js';
import { comparableRequest, requestKey, type ComparableRequest } from './requestNormalization.js';

/** A HAR with a name for messages (its file name); a bare HAR is named `recording <n>`. */
export interface NamedHar {
  name: string;
  har: HarLog;
}

export type ReplaySource = HarLog | NamedHar | ReadonlyArray<HarLog | NamedHar>;

export interface RecordedAnswer {
  /** `<name>#<entry index>`, shown in `x-bulkmock-replay` and in messages. */
  source: string;
  status: number;
  headers: Record<string, string>;
  /** The body text as recorded; null for none. */
  body: string | null;
}

interface Recording {
  source: string;
  request: ComparableRequest;
  answer: RecordedAnswer;
}

/** Headers that describe one transfer, not the answer: they are not replayed. */
const transferHeaders = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'content-encoding',
  'set-cookie',
  'date',
]);

/**
 * The recorded exchanges, looked up by request. Identical requests (a job polled again and again)
 * form a sequence that plays in recording order; after its last answer the last one repeats, so a
 * recorded job lifecycle plays back as it happened and then stays where it ended. Entries that
 * cannot be replayed faithfully (a body bulkmock or the browser cut short, or no answer at all:
 * status 0) are skipped, and listed in `skipped`.
 */
export class ReplayBook {
  private readonly sequences = new Map<string, { answers: RecordedAnswer[]; next: number }>();
  private readonly recordings: Recording[] = [];
  private readonly routes = new Set<string>();
  readonly skipped: Array<{ source: string; reason: string }> = [];

  constructor(source: ReplaySource) {
    const names = credentialNames();
    const list = Array.isArray(source) ? source : [source];
    list.forEach((item: HarLog | NamedHar, n) => {
      const { name, har } = 'har' in item ? item : { name: `recording ${n + 1}`, har: item };
      har.log.entries.forEach((raw, index) => {
        const sourceName = `${name}#${index}`;
        // A recording from elsewhere (a browser) is redacted as it is loaded, exactly as bulkmock records.
        const entry = redactEntry(raw, names);
        const problem = unreplayable(entry);
        if (problem) {
          this.skipped.push({ source: sourceName, reason: problem });
          return;
        }
        const request = comparableRequest(partsOfEntry(entry), names);
        const answer = answerOf(entry, sourceName);
        const key = requestKey(request);
        const sequence = this.sequences.get(key) ?? { answers: [], next: 0 };
        sequence.answers.push(answer);
        this.sequences.set(key, sequence);
        this.recordings.push({ source: sourceName, request, answer });
        this.routes.add(`${request.method} ${request.path}`);
      });
    });
  }

  get size(): number {
    return this.recordings.length;
  }

  /** Whether any recording has this method and (percent-escapes normalized) path: only then is the body worth reading. */
  hasRoute(method: string, path: string): boolean {
    return this.routes.has(`${method.toUpperCase()} ${path.replace(/%[0-9a-f]{2}/gi, (e) => e.toUpperCase())}`);
  }

  /** The next recorded answer to this request, or null; advances the request's sequence. */
  take(request: ComparableRequest): RecordedAnswer | null {
    const sequence = this.sequences.get(requestKey(request));
    if (!sequence) return null;
    const answer = sequence.answers[Math.min(sequence.next, sequence.answers.length - 1)]!;
    sequence.next += 1;
    return answer;
  }

  /** Every sequence starts again from its first answer. */
  rewind(): void {
    for (const sequence of this.sequences.values()) sequence.next = 0;
  }

  /** Says which recording comes closest to a request, and how it differs; for the 404 of --replay-only. */
  closest(request: ComparableRequest): string {
    let best: { recording: Recording; score: number } | null = null;
    for (const recording of this.recordings) {
      const r = recording.request;
      const score =
        (r.method === request.method ? 4 : 0) +
        (r.path === request.path
          ? 8
          : commonPrefix(r.path, request.path) / Math.max(r.path.length, request.path.length, 1)) +
        (r.query === request.query ? 2 : 0) +
        (r.body === request.body ? 1 : 0);
      if (!best || score > best.score) best = { recording, score };
    }
    if (!best) return 'the replayed recordings hold no exchange that can be replayed';
    const r = best.recording.request;
    const differs = [
      r.method !== request.method && `method ${r.method}`,
      r.path !== request.path && `path ${r.path}`,
      r.query !== request.query && `query "${r.query}" (this request: "${request.query}")`,
      r.body !== request.body && `body ${describeBodyDifference(r.body, request.body)}`,
    ].filter(Boolean);
    return `the closest recording is ${best.recording.source}: ${r.method} ${r.path}${r.query ? `?${r.query}` : ''}, which differs in ${differs.join(', ')}`;
  }
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function describeBodyDifference(recorded: string, actual: string): string {
  const at = commonPrefix(recorded, actual);
  const excerpt = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 20), at + 40));
  return `from character ${at}: recorded ${excerpt(recorded)}, this request ${excerpt(actual)}`;
}

function unreplayable(entry: HarEntry): string | null {
  if (!entry.response || entry.response.status === 0) return 'the request got no answer (status 0)';
  if (isTruncated(entry.response.content)) return 'its answer was recorded only in part';
  if (entry.request.postData && (entry.request.postData.comment ?? '').includes('bulkmock-truncated'))
    return 'its request body was recorded only in part';
  if (entry.response.content.encoding === 'base64') return 'its answer is binary (base64 that is not UTF-8 text)';
  return null;
}

function partsOfEntry(entry: HarEntry) {
  const url = new URL(entry.request.url);
  return {
    method: entry.request.method,
    path: url.pathname,
    query: [...url.searchParams],
    headers: entry.request.headers,
    body: entry.request.postData?.text ?? decodeParams(entry.request.postData?.params),
  };
}

function decodeParams(params: ReadonlyArray<{ name: string; value?: string }> | undefined): string {
  return params
    ? params.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.value ?? '')}`).join('&')
    : '';
}

function answerOf(entry: HarEntry, source: string): RecordedAnswer {
  const headers: Record<string, string> = {};
  for (const { name, value } of entry.response.headers) {
    const lower = name.toLowerCase();
    // HTTP/2 pseudo-headers (`:status`) in browser recordings are not headers of the answer.
    if (transferHeaders.has(lower) || lower.startsWith(':')) continue;
    headers[lower] = headers[lower] === undefined ? value : `${headers[lower]}, ${value}`;
  }
  const { content } = entry.response;
  const text = content.encoding === 'base64' && content.text !== undefined ? decodeBase64(content.text) : content.text;
  return {
    source,
    status: entry.response.status,
    headers,
    body: text === undefined || text === null || text === '' ? null : text,
  };
}
