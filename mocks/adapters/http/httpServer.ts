import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createMockCore, type CreateMockOptions } from '../../builtInVendors.js';
import type { MockCore } from '../../core/mockCore.js';
import { PayloadTooLargeError, type MockRequest } from '../../core/mockRequest.js';
import { serializeBody, type MockResponse } from '../../core/mockResponse.js';
import { bodyFromIncoming } from './incomingBody.js';
import { controlCorsHeaders, corsHeaders } from './corsHeaders.js';
import { holdsLongArray, jsonPieces } from './jsonChunks.js';
import { createOriginPolicy } from './originPolicy.js';
import { clientErrorAnswer, stalledBodyMessage, transportAnswer } from './transportAnswers.js';
import { TransportWatch } from './transportWatch.js';

export interface RequestLogLine {
  method: string;
  path: string;
  status: number;
  ms: number;
  /** Set when the answer was not delivered: its client left first, or took none of it for --write-timeout. */
  aborted?: 'client-gone' | 'write-timeout';
}

export interface StartServerOptions {
  /** An existing core; otherwise one is made from `mock`. */
  core?: MockCore;
  mock?: CreateMockOptions;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Called once per answered request. */
  onRequest?: (line: RequestLogLine) => void;
  /** Extra routes served before the mock (the dashboard). Return true when handled. */
  extraRoutes?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /**
   * How long a request body may stall (no byte arriving while the mock waits for one) before the
   * client gets a 408 and the connection is closed; its headers must arrive within 20 s, or this
   * timeout when shorter. 0 turns the body limit off. Default: 60 s.
   */
  requestTimeoutMs?: number;
  /**
   * How long an answer may wait for its client to take any of its bytes before the connection is
   * destroyed (counted in health as writeTimeouts). 0 turns the limit off. Default: 30 s.
   */
  writeTimeoutMs?: number;
  /** Host names answered besides loopback names, IP addresses and the bound host (`--allowed-host`). */
  allowedHosts?: readonly string[];
  /** Origins whose pages may call /__bulkmock/ besides loopback ones (`--cors-origin`). */
  corsOrigins?: readonly string[];
}

export const defaultRequestTimeoutMs = 60_000;
export const defaultWriteTimeoutMs = 30_000;
/** How long a client may take to send the request headers (or the request timeout, when shorter). */
const headersTimeoutMs = 20_000;

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  core: MockCore;
  server: Server;
  /** Stops accepting connections and waits for open requests (closing idle keep-alive sockets). */
  close(): Promise<void>;
}

/**
 * Serves a mock core over node:http: a thin adapter that turns each request into a plain
 * MockRequest (the body is streamed, with the size limit enforced as it arrives) and writes the
 * core's MockResponse back. No endpoint logic lives here.
 */
export async function startMockServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const core = options.core ?? createMockCore(options.mock);
  const host = options.host ?? '127.0.0.1';
  const limit = core.state.settings.maxBodyBytes;

  const requestTimeout = options.requestTimeoutMs ?? defaultRequestTimeoutMs;
  if (!(Number.isInteger(requestTimeout) && requestTimeout >= 0)) throw new RangeError(`requestTimeoutMs must be a whole number of milliseconds, 0 or more, got ${requestTimeout}`);
  const writeTimeout = options.writeTimeoutMs ?? defaultWriteTimeoutMs;
  if (!(Number.isInteger(writeTimeout) && writeTimeout >= 0)) throw new RangeError(`writeTimeoutMs must be a whole number of milliseconds, 0 or more, got ${writeTimeout}`);
  const headersTimeout = requestTimeout > 0 ? Math.min(headersTimeoutMs, requestTimeout) : headersTimeoutMs;
  const counters = core.state.transport;
  const policy = createOriginPolicy({ boundHost: host, allowedHosts: options.allowedHosts, corsOrigins: options.corsOrigins });
  // The answer being written on each connection, so a late transport error does not write over it.
  const answering = new WeakMap<Duplex, ServerResponse>();
  // Answers cut short, and why, for the log line.
  const aborted = new WeakMap<ServerResponse, 'client-gone' | 'write-timeout'>();
  const watch = new TransportWatch({
    requestTimeoutMs: requestTimeout,
    writeTimeoutMs: writeTimeout,
    onRequestTimeout(req) {
      counters.requestTimeouts += 1;
      const socket = req.socket;
      if (socket.writable && !answering.get(socket)?.headersSent) socket.write(transportAnswer(408, 'request_timeout', stalledBodyMessage(requestTimeout), {}, req.method === 'HEAD'));
      socket.destroy();
    },
    onWriteTimeout(res) {
      counters.writeTimeouts += 1;
      aborted.set(res, 'write-timeout');
      res.destroy();
    },
  });

  const server = createServer(
    {
      // The body is judged by the watch above, by the client's pauses rather than by the total time,
      // which also counts the mock's own parsing. Node's timer judges only the headers.
      requestTimeout: 0,
      headersTimeout,
      keepAliveTimeout: 5_000,
      // Node looks for late headers only this often (every 30 s by default).
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(headersTimeout / 4))),
      // A request without Host (HTTP/1.1 requires one) is served like an HTTP/1.0 request, rather
      // than refused with Node's bodiless 400.
      requireHostHeader: false,
    },
    (req, res) => {
      const started = performance.now();
      counters.pendingAnswers += 1;
      answering.set(req.socket, res);
      watch.receive(req);
      // Forgotten once answered and the request fully read: a timeout after that is a new request's.
      const forget = () => answering.get(req.socket) === res && answering.delete(req.socket);
      res.once('finish', () => (req.complete ? forget() : req.once('end', forget)));
      const log = (status: number) => {
        counters.pendingAnswers -= 1;
        const why = aborted.get(res);
        if (why === 'client-gone') counters.abandonedAnswers += 1;
        options.onRequest?.({ method: req.method ?? 'GET', path: requestTarget(req.url).split('?')[0]!, status, ms: Math.round((performance.now() - started) * 10) / 10, ...(why && { aborted: why }) });
      };
      handle(req, res).then(log, (error: unknown) => log(failed(res, error)));
    },
  );

  // Requests Node's parser refuses (malformed HTTP, oversized headers, timeouts) get a body that says
  // what is wrong, instead of Node's bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code !== 'ECONNRESET' && socket.writable && !answering.get(socket)?.headersSent) {
      // The answer to a HEAD request carries no body, even when its request line is broken.
      const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
      const [status, code, message] = clientErrorAnswer(error, headersTimeout);
      socket.write(transportAnswer(status, code, message, {}, head));
    }
    socket.destroy();
  });
  // bulkmock is not a proxy; without this listener Node drops CONNECT requests without a word.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => socket.destroy());
    socket.end(transportAnswer(405, 'method_not_allowed', `${req.method} is not supported: bulkmock is an HTTP server, not a proxy`, { allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' }));
  });
  // Node answers an Expect header other than 100-continue with a bodiless 417.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify({ error: { code: 'expectation_failed', message: `Expect: ${req.headers.expect} is not supported; bulkmock understands only Expect: 100-continue` } });
    res.writeHead(417, { ...corsHeaders, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const method = req.method ?? 'GET';
    const rawUrl = requestTarget(req.url);
    const q = rawUrl.indexOf('?');
    const hostProblem = policy.hostProblem(req.headers.host);
    if (hostProblem) return refuse(req, res, 403, 'host_not_allowed', hostProblem, corsHeaders);
    // The control API answers pages only from loopback origins and those named by --cors-origin,
    // so a site a developer visits cannot read its request log, store assets or reset the mock.
    let cors: Record<string, string> = corsHeaders;
    if (isControlPath(q === -1 ? rawUrl : rawUrl.slice(0, q))) {
      const origin = req.headers.origin;
      const verdict = policy.controlOrigin(origin, req.headers.host);
      if (verdict === 'refused') {
        const message = `the control API under /__bulkmock/ answers pages only from loopback origins and from origins named by --cors-origin; start the mock with --cors-origin ${origin} to allow ${origin}`;
        return refuse(req, res, 403, 'origin_not_allowed', message, controlCorsHeaders(null));
      }
      cors = controlCorsHeaders(verdict === 'allowed' ? origin! : null);
    }
    if (options.extraRoutes?.(req, res)) return res.statusCode;
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) return preflight(req, res, cors);

    const headers: Record<string, string> = {};
    const received = req.headers;
    for (const name in received) {
      const value = received[name];
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const declared = Number(headers['content-length'] ?? NaN);
    let response: MockResponse;
    if (Number.isFinite(declared) && declared > limit) {
      // Refuse at once, without reading a body we will not keep.
      response = await tooLarge(rawUrl, headers, method, limit);
    } else {
      const request: MockRequest = {
        method,
        path: q === -1 ? rawUrl : rawUrl.slice(0, q),
        query: new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1)),
        headers,
        // A body the operation did not read, or read only in part, is drained below.
        body: bodyFromIncoming(req, limit),
      };
      response = await core.handle(request, `http://${headers.host ?? `${host}:${port()}`}`);
    }
    // A client that left, while the answer was computed or delayed, gets nothing: the answer is let
    // go at once (its delay timer cleared) instead of being held until the delay ends.
    if (clientGone(res) || (response.delayMs > 0 && !(await delayUnlessGone(res, response.delayMs)))) {
      aborted.set(res, 'client-gone');
      if (!req.readableEnded) req.resume();
      return response.status;
    }
    const tooLargeBody = response.status === 413;
    const head = {
      ...cors,
      ...response.headers,
      // After a refused upload the rest of the body may still be arriving: do not reuse the socket.
      ...(tooLargeBody && { connection: 'close' }),
    };
    if (response.body.kind === 'json' && holdsLongArray(response.body.value)) {
      // A long report goes out in pieces (chunked), never held as one string and its bytes besides.
      res.writeHead(response.status, head);
      watch.write(res);
      await writePieces(res, jsonPieces(response.body.value));
    } else {
      const body = serializeBody(response);
      res.writeHead(response.status, body === null ? head : { ...head, 'content-length': Buffer.byteLength(body) });
      watch.write(res);
      res.end(body ?? undefined);
    }
    if (res.destroyed && !res.writableFinished && !aborted.has(res)) aborted.set(res, 'client-gone');
    // A body the operation did not read is drained, so the connection stays usable.
    if (!req.readableEnded) req.resume();
    return response.status;
  }

  /** The last resort when answering failed: a 500 that says so, or a closed connection once the answer has begun. */
  function failed(res: ServerResponse, error: unknown): number {
    if (res.headersSent) {
      res.destroy();
      return res.statusCode;
    }
    const body = JSON.stringify({ error: { code: 'internal_mock_error', message: `bulkmock failed while answering: ${(error as Error).message}` } });
    res.writeHead(500, { ...corsHeaders, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
    return 500;
  }

  /** The vendor's own 413, found by asking the core with a body that is over the limit. */
  async function tooLarge(rawUrl: string, headers: Record<string, string>, method: string, limitBytes: number): Promise<MockResponse> {
    const q = rawUrl.indexOf('?');
    return core.handle(
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
      `http://${headers.host ?? host}`,
    );
  }

  /** An answer the adapter gives itself, in the control API's error shape, before the mock sees the request. */
  function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string, cors: Record<string, string>): number {
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

  const port = () => (server.address() as AddressInfo | null)?.port ?? options.port ?? 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.once('close', () => watch.stop());
  const bound = port();
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${bound}`,
    host,
    port: bound,
    core,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
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
function requestTarget(url: string | undefined): string {
  const target = url ?? '/';
  if (target.startsWith('/')) return target;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (!absolute) return target;
  const rest = target.slice(absolute[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}
