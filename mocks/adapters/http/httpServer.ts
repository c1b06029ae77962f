import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockCore, type CreateMockOptions, type MockCore } from '../../core/mockCore.js';
import { bodyFromStream, PayloadTooLargeError, type MockRequest } from '../../core/mockRequest.js';
import { serializeBody, type MockResponse } from '../../core/mockResponse.js';

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
  /** How long a client may take to send a whole request. */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  core: MockCore;
  server: Server;
  /** Stops accepting connections and waits for open requests (closing idle keep-alive sockets). */
  close(): Promise<void>;
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'retry-after, x-bulkmock-job-id, allow, content-length',
};

/**
 * Serves a mock core over node:http: a thin adapter that turns each request into a plain
 * MockRequest (the body is streamed, with the size limit enforced as it arrives) and writes the
 * core's MockResponse back. No endpoint logic lives here.
 */
export async function startMockServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const core = options.core ?? createMockCore(options.mock);
  const host = options.host ?? '127.0.0.1';
  const limit = core.state.settings.maxBodyBytes;

  const server = createServer({ requestTimeout: options.requestTimeoutMs ?? 60_000, headersTimeout: 20_000, keepAliveTimeout: 5_000 }, (req, res) => {
    const started = performance.now();
    handle(req, res).then(
      (status) => options.onRequest?.({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, status, ms: Math.round((performance.now() - started) * 10) / 10 }),
      () => res.destroy(),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    if (options.extraRoutes?.(req, res)) return res.statusCode;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) return preflight(req, res);

    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
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
        body: bodyFromStream(req, limit),
      };
      response = await core.handle(request, `http://${headers.host ?? `${host}:${port()}`}`);
    }
    if (response.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
    const body = serializeBody(response);
    const tooLargeBody = response.status === 413;
    res.writeHead(response.status, {
      ...corsHeaders,
      ...response.headers,
      ...(body !== null && { 'content-length': Buffer.byteLength(body) }),
      // After a refused upload the rest of the body may still be arriving: do not reuse the socket.
      ...(tooLargeBody && { connection: 'close' }),
    });
    res.end(body ?? undefined);
    // A body the operation did not read is drained, so the connection stays usable.
    if (!req.readableEnded) req.resume();
    return response.status;
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
