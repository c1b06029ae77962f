import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockCore } from '../../core/mockCore.js';
import { PayloadTooLargeError, type MockRequest } from '../../core/mockRequest.js';
import { serializeBody, type MockResponse } from '../../core/mockResponse.js';
import { controlCorsHeaders, corsHeaders } from './corsHeaders.js';
import { bodyFromIncoming } from './incomingBody.js';
import { holdsLongArray, jsonPieces } from './jsonChunks.js';
import type { createOriginPolicy } from './originPolicy.js';
import type { TransportWatch } from './transportWatch.js';

/** What answering a request needs from the server it runs in. */
export interface ServerContext {
  core: MockCore;
  /** The bound host, for the origin of links when a request names no Host. */
  host: string;
  /** --max-body, in bytes. */
  limit: number;
  policy: ReturnType<typeof createOriginPolicy>;
  watch: TransportWatch;
  /** Answers cut short, and why, for the log line. */
  aborted: WeakMap<ServerResponse, 'client-gone' | 'write-timeout'>;
  /** Extra routes served before the mock (the dashboard). Return true when handled. */
  extraRoutes?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** The port the server listens on. */
  port(): number;
}

/**
 * Answers one request: host and origin checks, the extra routes, CORS preflight, then the core; the
 * answer is written as the client takes it. Returns the status for the log line.
 */
export async function answerRequest(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<number> {
  const method = req.method ?? 'GET';
  const rawUrl = requestTarget(req.url);
  const q = rawUrl.indexOf('?');
  const hostProblem = ctx.policy.hostProblem(req.headers.host);
  if (hostProblem) return refuse(req, res, 403, 'host_not_allowed', hostProblem, corsHeaders);
  // The control API answers pages only from loopback origins and those named by --cors-origin,
  // so a site a developer visits cannot read its request log, store assets or reset the mock.
  let cors: Record<string, string> = corsHeaders;
  if (isControlPath(q === -1 ? rawUrl : rawUrl.slice(0, q))) {
    const origin = req.headers.origin;
    const verdict = ctx.policy.controlOrigin(origin, req.headers.host);
    if (verdict === 'refused') {
      const message = `the control API under /__bulkmock/ answers pages only from loopback origins and from origins named by --cors-origin; start the mock with --cors-origin ${origin} to allow ${origin}`;
      return refuse(req, res, 403, 'origin_not_allowed', message, controlCorsHeaders(null));
    }
    cors = controlCorsHeaders(verdict === 'allowed' ? origin! : null);
  }
  if (ctx.extraRoutes?.(req, res)) return res.statusCode;
  if (method === 'OPTIONS' && req.headers['access-control-request-method']) return preflight(req, res, cors);

  const headers = flatHeaders(req.headers);
  const declared = Number(headers['content-length'] ?? NaN);
  let response: MockResponse;
  if (Number.isFinite(declared) && declared > ctx.limit) {
    // Refuse at once, without reading a body we will not keep.
    response = await tooLarge(ctx, rawUrl, headers, method, ctx.limit);
  } else {
    const request: MockRequest = {
      method,
      path: q === -1 ? rawUrl : rawUrl.slice(0, q),
      query: new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1)),
      headers,
      // A body the operation did not read, or read only in part, is drained below.
      body: bodyFromIncoming(req, ctx.limit),
    };
    response = await ctx.core.handle(request, `http://${headers.host ?? `${ctx.host}:${ctx.port()}`}`);
  }
  // A client that left, while the answer was computed or delayed, gets nothing: the answer is let
  // go at once (its delay timer cleared) instead of being held until the delay ends.
  if (clientGone(res) || (response.delayMs > 0 && !(await delayUnlessGone(res, response.delayMs)))) {
    ctx.aborted.set(res, 'client-gone');
    if (!req.readableEnded) req.resume();
    return response.status;
  }
  // After a refused upload the rest of the body may still be arriving: do not reuse the socket.
  const closing = response.status === 413;
  if (response.body.kind === 'json' && holdsLongArray(response.body.value)) {
    // A long report goes out in pieces (chunked), never held as one string and its bytes besides.
    res.writeHead(response.status, headerList(cors, response.headers, closing, null));
    ctx.watch.write(res);
    await writePieces(res, jsonPieces(response.body.value));
  } else {
    const body = serializeBody(response);
    const length = body === null ? null : Buffer.byteLength(body);
    res.writeHead(response.status, headerList(cors, response.headers, closing, length));
    ctx.watch.write(res);
    res.end(body ?? undefined);
  }
  if (res.destroyed && !res.writableFinished && !ctx.aborted.has(res)) ctx.aborted.set(res, 'client-gone');
  // A body the operation did not read is drained, so the connection stays usable.
  if (!req.readableEnded) req.resume();
  return response.status;
}

/**
 * The answer's header lines as node:http's flat [name, value, ...] list: the CORS headers, the
 * core's (which win over a CORS header of the same name), then `connection: close` and the length
 * when given (which win over the core's). Built in one pass: two object spreads per answer cost
 * more than the rest of this function.
 */
function headerList(
  cors: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>>,
  closing: boolean,
  contentLength: number | null,
): Array<string | number> {
  const list: Array<string | number> = [];
  for (const name in cors) if (own[name] === undefined) list.push(name, cors[name]!);
  for (const name in own) {
    if ((closing && name === 'connection') || (contentLength !== null && name === 'content-length')) continue;
    list.push(name, own[name]!);
  }
  if (closing) list.push('connection', 'close');
  if (contentLength !== null) list.push('content-length', contentLength);
  return list;
}

/**
 * The request's headers as one string each. Node already joins repeated headers, all but a few
 * (Set-Cookie) that it keeps as lists; only then is a copy made. The object is the request's own,
 * fresh for each request.
 */
function flatHeaders(received: IncomingMessage['headers']): Record<string, string> {
  let flat = true;
  for (const name in received) {
    const value = received[name];
    if (typeof value !== 'string') {
      flat = false;
      break;
    }
  }
  if (flat) return received as Record<string, string>;
  const headers: Record<string, string> = {};
  for (const name in received) {
    const value = received[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** The last resort when answering failed: a 500 that says so, or a closed connection once the answer has begun. */
export function failed(res: ServerResponse, error: unknown): number {
  if (res.headersSent) {
    res.destroy();
    return res.statusCode;
  }
  const body = JSON.stringify({
    error: { code: 'internal_mock_error', message: `bulkmock failed while answering: ${(error as Error).message}` },
  });
  res
    .writeHead(500, {
      ...corsHeaders,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    })
    .end(body);
  return 500;
}

/** The vendor's own 413, found by asking the core with a body that is over the limit. */
async function tooLarge(
  ctx: ServerContext,
  rawUrl: string,
  headers: Record<string, string>,
  method: string,
  limitBytes: number,
): Promise<MockResponse> {
  const q = rawUrl.indexOf('?');
  return ctx.core.handle(
    {
      method,
      path: q === -1 ? rawUrl : rawUrl.slice(0, q),
      query: new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1)),
      headers,
      body: {
        text: () => Promise.reject(new PayloadTooLargeError(limitBytes)),
        bytes: () => Promise.reject(new PayloadTooLargeError(limitBytes)),
        chunks: () => ({
          [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new PayloadTooLargeError(limitBytes)) }),
        }),
      },
    },
    `http://${headers.host ?? ctx.host}`,
  );
}

/** An answer the adapter gives itself, in the control API's error shape, before the mock sees the request. */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  cors: Record<string, string>,
): number {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { ...cors, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  if (!req.readableEnded) req.resume();
  return status;
}

function preflight(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): number {
  res.writeHead(204, {
    ...cors,
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '600',
  });
  res.end();
  return 204;
}

/** Whether the client has closed the connection the answer was meant for. */
function clientGone(res: ServerResponse): boolean {
  return res.destroyed || res.socket === null || res.socket.destroyed;
}

/** Waits `ms`, or less when the client goes away first (then the timer is cleared); true when the wait ran its course. */
function delayUnlessGone(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', onClose);
  });
}

function isControlPath(path: string): boolean {
  return path === '/__bulkmock' || path.startsWith('/__bulkmock/');
}

/** Writes the pieces as the client takes them (waiting on drain), and ends the answer; stops if the client goes away. */
async function writePieces(res: ServerResponse, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (res.destroyed) return;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

/**
 * The request target as a path and query. An absolute-form target (`GET http://host/path`, which
 * HTTP/1.1 servers must accept) is cut to its path, left as sent: no dot segments are resolved.
 */
export function requestTarget(url: string | undefined): string {
  const target = url ?? '/';
  if (target.startsWith('/')) return target;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (!absolute) return target;
  const rest = target.slice(absolute[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}
