import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createMockCore, type CreateMockOptions, type MockCore } from '../../core/mockCore.js';
import { PayloadTooLargeError, type MockRequest } from '../../core/mockRequest.js';
import { serializeBody, type MockResponse } from '../../core/mockResponse.js';
import { bodyFromIncoming } from './incomingBody.js';
import { corsHeaders } from './corsHeaders.js';
import { holdsLongArray, jsonPieces } from './jsonChunks.js';
import { clientErrorAnswer, transportAnswer } from './transportAnswers.js';

export interface RequestLogLine {
  method: string;
  path: string;
  status: number;
  ms: number;
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
   * How long a client may take to send a whole request, headers and body; a slower one gets a 408
   * and the connection is closed. 0 turns the limit off. Default: 60 s.
   */
  requestTimeoutMs?: number;
}

export const defaultRequestTimeoutMs = 60_000;
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
  // The answer being written on each connection, so a late transport error does not write over it.
  const answering = new WeakMap<Duplex, ServerResponse>();

  const server = createServer(
    {
      requestTimeout,
      // Node refuses a headers timeout longer than the request timeout.
      headersTimeout: requestTimeout > 0 ? Math.min(headersTimeoutMs, requestTimeout) : headersTimeoutMs,
      keepAliveTimeout: 5_000,
      // Node looks for timed-out requests only this often (every 30 s by default, which would let a
      // 1 s request timeout run for 30 s).
      connectionsCheckingInterval: requestTimeout > 0 ? Math.min(1_000, Math.max(50, Math.floor(requestTimeout / 4))) : 1_000,
      // A request without Host (HTTP/1.1 requires one) is served like an HTTP/1.0 request, rather
      // than refused with Node's bodiless 400.
      requireHostHeader: false,
    },
    (req, res) => {
      const started = performance.now();
      answering.set(req.socket, res);
      // Forgotten once answered and the request fully read: a timeout after that is a new request's.
      const forget = () => answering.get(req.socket) === res && answering.delete(req.socket);
      res.once('finish', () => (req.complete ? forget() : req.once('end', forget)));
      const log = (status: number) =>
        options.onRequest?.({ method: req.method ?? 'GET', path: requestTarget(req.url).split('?')[0]!, status, ms: Math.round((performance.now() - started) * 10) / 10 });
      handle(req, res).then(log, (error: unknown) => log(failed(res, error)));
    },
  );

  // Requests Node's parser refuses (malformed HTTP, oversized headers, timeouts) get a body that says
  // what is wrong, instead of Node's bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code !== 'ECONNRESET' && socket.writable && !answering.get(socket)?.headersSent) {
      // The answer to a HEAD request carries no body, even when its request line is broken.
      const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
      const [status, code, message] = clientErrorAnswer(error, requestTimeout, headersTimeoutMs);
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
    if (options.extraRoutes?.(req, res)) return res.statusCode;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) return preflight(req, res);

    const rawUrl = requestTarget(req.url);
    const q = rawUrl.indexOf('?');
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
    if (response.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
    const tooLargeBody = response.status === 413;
    const head = {
      ...corsHeaders,
      ...response.headers,
      // After a refused upload the rest of the body may still be arriving: do not reuse the socket.
      ...(tooLargeBody && { connection: 'close' }),
    };
    if (response.body.kind === 'json' && holdsLongArray(response.body.value)) {
      // A long report goes out in pieces (chunked), never held as one string and its bytes besides.
      res.writeHead(response.status, head);
      await writePieces(res, jsonPieces(response.body.value));
    } else {
      const body = serializeBody(response);
      res.writeHead(response.status, body === null ? head : { ...head, 'content-length': Buffer.byteLength(body) });
      res.end(body ?? undefined);
    }
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

  function preflight(req: IncomingMessage, res: ServerResponse): number {
    res.writeHead(204, {
      ...corsHeaders,
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
