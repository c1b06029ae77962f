import { Agent, request } from 'node:http';
import { connect } from 'node:net';

/** An answer as it came off the wire: header names in lower case, the body decoded leniently. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given: no normalisation of `..`, percent escapes or case. */
  path: string;
  headers?: Record<string, string | undefined>;
  body?: Uint8Array | string;
}

/** One keep-alive agent per test file, so the fuzzers also prove a connection stays usable after odd requests. */
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Sends one request through node:http, which, unlike fetch, keeps the method, the raw path and the
 * body bytes exactly as given. Rejects when the server drops the connection or takes longer than
 * `timeoutMs`, so a hang or a reset fails the property that caused it.
 */
export function send(base: { port: number }, raw: RawRequest, timeoutMs = 10_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(
      Object.entries(raw.headers ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const body = raw.body === undefined ? undefined : Buffer.from(raw.body);
    // node:http frames a GET, HEAD, DELETE or OPTIONS body only when told its length.
    if (body !== undefined) headers['content-length'] = String(body.length);
    const req = request(
      { host: '127.0.0.1', port: base.port, method: raw.method, path: raw.path, headers, agent },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers))
            if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(parts).toString('utf8') });
        });
        res.on('error', (error) =>
          reject(new Error(`${raw.method} ${raw.path}: the answer broke off (${error.message})`)),
        );
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`${raw.method} ${raw.path}: no answer within ${timeoutMs} ms`)),
    );
    req.on('error', (error) => reject(new Error(`${raw.method} ${raw.path}: ${error.message}`)));
    req.end(body);
  });
}

export interface RawExchange {
  /** Everything the server wrote before it closed the connection (or before we gave up). */
  bytes: Buffer;
  /** True when the server closed the connection; false when we had to give up waiting. */
  closed: boolean;
  elapsedMs: number;
}

/**
 * Writes bytes straight onto a TCP connection, for requests node:http would refuse to send (invalid
 * request lines, bytes that are not UTF-8 in the path, CONNECT). With `end`, the client half-closes
 * once written; otherwise the connection stays open, as a slow or stalled client would leave it.
 */
export function exchange(
  base: { port: number },
  bytes: Uint8Array | string,
  options: { end?: boolean; waitMs?: number } = {},
): Promise<RawExchange> {
  const { end = true, waitMs = 5_000 } = options;
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(base.port, '127.0.0.1');
    const parts: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(parts), closed, elapsedMs: performance.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => parts.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(bytes, () => {
      if (end) socket.end();
    });
  });
}

/** Reads the first HTTP answer out of raw bytes: status, headers and the body its Content-Length announces. */
export function parseAnswer(bytes: Buffer): Answer | null {
  const text = bytes.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd === -1) return null;
  const [statusLine, ...lines] = text.slice(0, headEnd).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!status) return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  // latin1 maps one byte to one character, so text offsets are byte offsets.
  const body = bytes.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
  return { status: Number(status[1]), headers, body };
}
