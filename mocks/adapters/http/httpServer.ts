import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createMockCore, type CreateMockOptions } from '../../builtInVendors.js';
import type { MockCore } from '../../core/mockCore.js';
import { answerRequest, failed, requestTarget, type ServerContext } from './answerRequest.js';
import { corsHeaders } from './corsHeaders.js';
import { createOriginPolicy } from './originPolicy.js';
import { clientErrorAnswer, stalledBodyMessage, transportAnswer } from './transportAnswers.js';
import { TransportWatch } from './transportWatch.js';
import { loadStateFile, startStateSaver, type IntervalTimer, type StateSaver } from './stateFile.js';
import type { TransportCounters } from '../../core/transportCounters.js';

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
  /**
   * Keeps the state in a `bulkmock-state` file (`--state-file`): loaded before the server listens
   * (when it exists; a corrupt or foreign file makes startMockServer reject), saved atomically by
   * `close()` and every `saveIntervalMs` (default 30 s; 0: only on close) when something changed.
   */
  stateFile?: {
    path: string;
    saveIntervalMs?: number;
    /** Reports a periodic save that failed (the server goes on; close() rejects if its save fails). */
    onSaveError?: (error: Error) => void;
    timer?: IntervalTimer;
  };
}

/** Default of `stateFile.saveIntervalMs`. */
export const defaultStateSaveIntervalMs = 30_000;

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
  /**
   * Stops accepting connections and waits for open requests (closing idle keep-alive sockets); then,
   * with a state file, saves the state to it.
   */
  close(): Promise<void>;
  /** With a state file: saves now if anything changed since the last save (resolves true if it wrote). */
  saveState(): Promise<boolean>;
  /** Whether the state came from the state file (false without one, or when it did not exist yet). */
  loadedState: boolean;
}

/** A whole number of milliseconds, 0 or more, or a RangeError that names the option. */
function timeoutOption(name: string, value: number): number {
  if (!(Number.isInteger(value) && value >= 0))
    throw new RangeError(`${name} must be a whole number of milliseconds, 0 or more, got ${value}`);
  return value;
}

/** What the listeners of one server share: the answer being written on each connection, and the server context. */
interface Connections {
  context: ServerContext;
  /** The answer being written on each connection, so a late transport error does not write over it. */
  answering: WeakMap<Duplex, ServerResponse>;
  onRequest: StartServerOptions['onRequest'];
  /** Requests that may have changed the state (any method but GET, HEAD and OPTIONS), for the state file's saver. */
  writes: number;
}

/** Watches request bodies and answers for stalls: a stalled body gets a 408, a stalled answer is cut. */
function createWatch(
  counters: TransportCounters,
  answering: WeakMap<Duplex, ServerResponse>,
  aborted: ServerContext['aborted'],
  requestTimeout: number,
  writeTimeout: number,
): TransportWatch {
  return new TransportWatch({
    requestTimeoutMs: requestTimeout,
    writeTimeoutMs: writeTimeout,
    onRequestTimeout(req) {
      counters.requestTimeouts += 1;
      const socket = req.socket;
      if (socket.writable && !answering.get(socket)?.headersSent)
        socket.write(
          transportAnswer(408, 'request_timeout', stalledBodyMessage(requestTimeout), {}, req.method === 'HEAD'),
        );
      socket.destroy();
    },
    onWriteTimeout(res) {
      counters.writeTimeouts += 1;
      aborted.set(res, 'write-timeout');
      res.destroy();
    },
  });
}

/** One request: counted, watched, answered, then logged (with why, when its answer was cut short). */
function receive(connections: Connections, req: IncomingMessage, res: ServerResponse): void {
  const { context, answering } = connections;
  const counters = context.core.state.transport;
  const started = performance.now();
  counters.pendingAnswers += 1;
  answering.set(req.socket, res);
  context.watch.receive(req);
  // Forgotten once answered and the request fully read: a timeout after that is a new request's.
  const forget = () => answering.get(req.socket) === res && answering.delete(req.socket);
  // `on`: 'finish' fires once, and `once` costs a wrapper and a removal on every request.
  res.on('finish', () => (req.complete ? forget() : req.once('end', forget)));
  const log = (status: number) => {
    counters.pendingAnswers -= 1;
    // Counted once answered, when what it changed is in the state: a save that reads the count
    // before exporting then never counts a write its document misses.
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') connections.writes += 1;
    const why = context.aborted.get(res);
    if (why === 'client-gone') counters.abandonedAnswers += 1;
    connections.onRequest?.({
      method: req.method ?? 'GET',
      path: requestTarget(req.url).split('?')[0]!,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(why && { aborted: why }),
    });
  };
  answerRequest(context, req, res).then(log, (error: unknown) => log(failed(res, error)));
}

/** Requests Node refuses before they reach the mock still get an answer that says why. */
function answerTransportErrors(
  server: Server,
  answering: WeakMap<Duplex, ServerResponse>,
  headersTimeout: number,
): void {
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
    socket.end(
      transportAnswer(
        405,
        'method_not_allowed',
        `${req.method} is not supported: bulkmock is an HTTP server, not a proxy`,
        { allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' },
      ),
    );
  });
  // Node answers an Expect header other than 100-continue with a bodiless 417.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify({
      error: {
        code: 'expectation_failed',
        message: `Expect: ${req.headers.expect} is not supported; bulkmock understands only Expect: 100-continue`,
      },
    });
    res
      .writeHead(417, {
        ...corsHeaders,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        connection: 'close',
      })
      .end(body);
  });
}

/**
 * Serves a mock core over node:http: a thin adapter that turns each request into a plain
 * MockRequest (the body is streamed, with the size limit enforced as it arrives) and writes the
 * core's MockResponse back. No endpoint logic lives here.
 */
export async function startMockServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const core = options.core ?? createMockCore(options.mock);
  const host = options.host ?? '127.0.0.1';
  const requestTimeout = timeoutOption('requestTimeoutMs', options.requestTimeoutMs ?? defaultRequestTimeoutMs);
  const writeTimeout = timeoutOption('writeTimeoutMs', options.writeTimeoutMs ?? defaultWriteTimeoutMs);
  const headersTimeout = requestTimeout > 0 ? Math.min(headersTimeoutMs, requestTimeout) : headersTimeoutMs;
  const answering = new WeakMap<Duplex, ServerResponse>();
  const aborted: ServerContext['aborted'] = new WeakMap();
  const watch = createWatch(core.state.transport, answering, aborted, requestTimeout, writeTimeout);

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
    (req, res) => receive(connections, req, res),
  );
  const port = () => (server.address() as AddressInfo | null)?.port ?? options.port ?? 0;
  const context: ServerContext = {
    core,
    host,
    limit: core.state.settings.maxBodyBytes,
    policy: createOriginPolicy({
      boundHost: host,
      allowedHosts: options.allowedHosts,
      corsOrigins: options.corsOrigins,
    }),
    watch,
    aborted,
    ...(options.extraRoutes && { extraRoutes: options.extraRoutes }),
    port,
  };
  const connections: Connections = { context, answering, onRequest: options.onRequest, writes: 0 };
  const stateFile = options.stateFile ? await openStateFile(core, options.stateFile, () => connections.writes) : null;
  const saver = stateFile?.saver;
  answerTransportErrors(server, answering, headersTimeout);

  await new Promise<void>((resolve, reject) => {
    const refused = (error: Error) => {
      saver?.stop();
      reject(error);
    };
    server.once('error', refused);
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', refused);
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
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      saver?.stop();
      await saver?.save();
    },
    saveState: () => saver?.save() ?? Promise.resolve(false),
    loadedState: stateFile?.loaded ?? false,
  };
}

/** Loads the state file (after the preload, which it replaces) and starts saving to it. */
async function openStateFile(
  core: MockCore,
  options: NonNullable<StartServerOptions['stateFile']>,
  changes: () => number,
): Promise<{ saver: StateSaver; loaded: boolean }> {
  await core.ready;
  const loaded = await loadStateFile(core, options.path);
  const saver = startStateSaver(core, {
    file: options.path,
    intervalMs: options.saveIntervalMs ?? defaultStateSaveIntervalMs,
    changes,
    upToDate: loaded,
    ...(options.onSaveError && { onError: options.onSaveError }),
    ...(options.timer && { timer: options.timer }),
  });
  return { saver, loaded };
}
