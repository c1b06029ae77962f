import { Readable } from 'node:stream';
import { bodyFromBytes, bodyFromStream, type MockRequest, type RequestBody } from '../core/mockRequest.js';

/**
 * One write as the shared log holds it: the request as the core read it, the time it was handled
 * at, and where the id source stood after it. Every replica runs the same request through its own
 * core at the same time, from the same state, and must end at the same id position.
 */
export interface RequestEntry {
  method: string;
  path: string;
  /** The query string, without the `?`. */
  query: string;
  /** Every header the client sent (names in lower case): auth, Prefer, X-Bulkmock-Fail-Job, content type. */
  headers: Record<string, string>;
  /** `scheme://host[:port]` the client used: a handler may keep links made from it. */
  origin: string;
  /** The body, when it is small enough to travel in the entry (empty when `bodyKey` names it). */
  body: Uint8Array;
  /** A larger body's Redis list of chunks (see RedisLog.spoolBody): replicas read it a chunk at a time. */
  bodyKey?: string;
  /** The clock's time the request was handled at (ms since the epoch). */
  now: number;
  /** The id source's position after the request. */
  idsAfter: number;
  /** The log entry this one follows ('0-0' for the first): a replica that applied another one has missed some. */
  after: string;
}

/** Field names in the stream: short, as every write stores them. */
const fields = ['m', 'p', 'q', 'h', 'o', 'b', 'n', 'i', 'a'] as const;

/** The entry as XADD field/value pairs (the body stays bytes). */
export function encodeEntry(entry: RequestEntry): Array<string | Buffer> {
  const values: Array<string | Buffer> = [
    entry.method,
    entry.path,
    entry.query,
    JSON.stringify(entry.headers),
    entry.origin,
    Buffer.from(entry.body.buffer, entry.body.byteOffset, entry.body.byteLength),
    String(entry.now),
    String(entry.idsAfter),
    entry.after,
  ];
  const pairs = fields.flatMap((name, i) => [name, values[i]!]);
  if (entry.bodyKey !== undefined) pairs.push('k', entry.bodyKey);
  return pairs;
}

/** Reads back the field/value list XREAD returns; throws when a field is missing (a foreign stream). */
export function decodeEntry(pairs: readonly Buffer[]): RequestEntry {
  const found = new Map<string, Buffer>();
  for (let i = 0; i + 1 < pairs.length; i += 2) found.set(pairs[i]!.toString('latin1'), pairs[i + 1]!);
  const text = (name: (typeof fields)[number]) => {
    const value = found.get(name);
    if (value === undefined) throw new TypeError(`a log entry without its "${name}" field: not a bulkmock log`);
    return value;
  };
  return {
    method: text('m').toString('utf8'),
    path: text('p').toString('utf8'),
    query: text('q').toString('utf8'),
    headers: JSON.parse(text('h').toString('utf8')) as Record<string, string>,
    origin: text('o').toString('utf8'),
    body: new Uint8Array(text('b')),
    now: Number(text('n').toString('latin1')),
    idsAfter: Number(text('i').toString('latin1')),
    after: text('a').toString('latin1'),
    ...(found.has('k') && { bodyKey: found.get('k')!.toString('utf8') }),
  };
}

/**
 * The request a replica runs when it applies an entry: its body is the entry's own, or the chunks
 * of its spooled body (read from the store first, so that a store failure stops the replay before
 * the core could take it for a client's broken body).
 */
export function entryRequest(entry: RequestEntry, spooled?: readonly Uint8Array[]): MockRequest {
  return {
    method: entry.method,
    path: entry.path,
    query: new URLSearchParams(entry.query),
    headers: entry.headers,
    body: spooled ? bodyFromChunks(spooled) : bodyFromBytes(entry.body),
  };
}

/** A body already in memory as chunks, handed to the core as a stream of them. */
export function bodyFromChunks(chunks: readonly Uint8Array[]): RequestBody {
  return bodyFromStream(Readable.from(chunks) as AsyncIterable<Uint8Array>);
}
