import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type IncomingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Vendor } from '../mocks/spec/specRegistry.js';
import { BodyCapture, harText } from './bodyCapture.js';
import { credentialNames, redactEntry } from '../mocks/replay/credentialRedaction.js';
import { describeViolations, ExchangeValidator, type ExchangeViolation } from './exchangeValidation.js';
import { truncatedNote, type HarEntry, type HarNameValue } from '../mocks/replay/har.js';
import type { HarFileWriter } from './harFile.js';
import { isLocalHost, writeRefusal } from './writeSafety.js';

/** Default cap on the body text kept per request and per answer in the HAR (bodies stream through whole). */
export const defaultBodyLimit = 5 * 1024 * 1024;
/** How much of a write's body the proxy reads to see whether it is a dry run, before forwarding anything. */
const dryRunProbeLimit = 1024 * 1024;
/** Hop-by-hop headers (RFC 9110 7.6.1): they belong to one connection and are not forwarded. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
]);

export interface RecordingProxyOptions {
  vendor: Vendor;
  /** The upstream's origin (`https://acme.thoughtindustries.com`); request paths are appended as they come. */
  upstream: URL;
  writer: HarFileWriter;
  host?: string;
  port?: number;
  allowWrites?: boolean;
  bodyLimit?: number;
  /** One line per exchange, refusal and violation, as they happen. */
  log?: (line: string) => void;
  /** Wall time, for startedDateTime (the recording is of the real world). */
  now?: () => Date;
}

export interface RecordingProxy {
  url: string;
  port: number;
  /** Exchanges recorded so far, and how many broke the spec. */
  stats: { recorded: number; withViolations: number; refused: number };
  /** Resolves when every exchange begun so far is answered and written to the HAR. */
  idle(): Promise<void>;
  /** Stops accepting connections, waits for open exchanges and for the HAR to be written. */
  close(): Promise<void>;
}

/**
 * A recording proxy in front of a vendor's platform: every request goes upstream unchanged (only
 * Host and hop-by-hop headers differ) and every answer streams back unchanged; on the side, each
 * exchange is validated against the vendor's spec and written, redacted, to the HAR.
 */
export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const validator = new ExchangeValidator(options.vendor);
  const names = credentialNames();
  const bodyLimit = options.bodyLimit ?? defaultBodyLimit;
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  const stats = { recorded: 0, withViolations: 0, refused: 0 };
  const open = new Set<Promise<void>>();
  const send = options.upstream.protocol === 'https:' ? httpsRequest : httpRequest;

  const server = createServer((req, res) => {
    const done = exchange(req, res).catch((error: unknown) => {
      log(`! ${req.method} ${(req.url ?? '/').split('?')[0]}: ${(error as Error).message}`);
      if (!res.headersSent)
        answerJson(
          res,
          502,
          'upstream_failed',
          `bulkmock record could not reach ${options.upstream.origin}: ${(error as Error).message}`,
        );
      else res.destroy();
    });
    open.add(done);
    void done.finally(() => open.delete(done));
  });

  async function exchange(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = now();
    const startedAt = performance.now();
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const url = new URL(target, options.upstream.origin);
    const match = validator.match(method, url.pathname);

    // A write to a non-local upstream is read first (up to a limit) to see whether it is a dry run.
    let prefix: Buffer | null = null;
    const isRead = method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
    if (!isRead && !options.allowWrites && !isLocalHost(options.upstream.hostname.replace(/^\[|\]$/g, ''))) {
      prefix = await readUpTo(req, dryRunProbeLimit);
      const refusal = writeRefusal({
        method,
        entry: match?.entry ?? null,
        body: prefix.length >= dryRunProbeLimit ? null : prefix.toString('utf8'),
        upstreamHost: options.upstream.hostname,
        allowWrites: false,
      });
      if (refusal) {
        stats.refused += 1;
        log(`refused ${method} ${url.pathname}: ${refusal}`);
        req.resume();
        answerJson(res, 403, 'write_refused', refusal);
        return;
      }
    }

    const requestCapture = new BodyCapture(bodyLimit);
    const headers = forwardedHeaders(req.headers, options.upstream.host);
    const upstreamRequest = send(url, { method, headers });
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      upstreamRequest.once('response', resolve);
      upstreamRequest.once('error', reject);
    });
    // The client going away mid-request cancels the upstream request too.
    res.once('close', () => {
      if (!res.writableFinished) upstreamRequest.destroy();
    });
    if (prefix) {
      requestCapture.add(prefix);
      upstreamRequest.end(prefix);
    } else {
      req.on('data', (chunk: Buffer) => requestCapture.add(chunk));
      req.pipe(upstreamRequest);
    }
    const upstreamResponse = await answered;
    const waited = performance.now() - startedAt;
    const responseCapture = new BodyCapture(bodyLimit, upstreamResponse.headers['content-encoding']);
    res.writeHead(
      upstreamResponse.statusCode ?? 502,
      upstreamResponse.statusMessage,
      withoutHopByHop(upstreamResponse.rawHeaders),
    );
    upstreamResponse.on('data', (chunk: Buffer) => responseCapture.add(chunk));
    await new Promise<void>((resolve, reject) => {
      upstreamResponse.pipe(res);
      upstreamResponse.once('end', resolve);
      upstreamResponse.once('error', reject);
      res.once('close', resolve);
    });
    const requestBytes = await requestCapture.finish();
    const responseBytes = await responseCapture.finish();

    const entry = buildEntry({
      started,
      time: performance.now() - startedAt,
      waited,
      req,
      url,
      method,
      upstreamResponse,
      requestCapture,
      requestBytes,
      responseCapture,
      responseBytes,
    });
    const { violations } = validator.validate({
      method,
      path: url.pathname,
      query: url.searchParams,
      requestHeaders: lowerCaseHeaders(req.headers),
      requestBody: requestCapture.truncated ? null : requestBytes.toString('utf8'),
      status: upstreamResponse.statusCode ?? 0,
      responseHeaders: lowerCaseHeaders(upstreamResponse.headers),
      responseBody: responseCapture.truncated ? null : responseBytes.toString('utf8'),
    });
    const notes = [
      ...(violations.length > 0 ? [`violations: ${describeViolations(violations)}`] : []),
      ...(requestCapture.truncated || responseCapture.truncated
        ? ['a body was cut at the body limit, so it was not validated']
        : []),
    ];
    if (notes.length > 0) entry.comment = notes.join(' | ');
    const redacted = redactEntry(entry, names);
    stats.recorded += 1;
    if (violations.length > 0) stats.withViolations += 1;
    log(
      `${method.padEnd(6)} ${url.pathname} ${upstreamResponse.statusCode} ${Math.round(entry.time)}ms${match ? ` ${match.entry.operationId}` : ''}`,
    );
    // Printed redacted: an answer can echo a credential back.
    for (const line of redactedViolations(violations, redacted.comment)) log(`  ! ${line}`);
    await options.writer.append(redacted);
  }

  function buildEntry(x: {
    started: Date;
    time: number;
    waited: number;
    req: IncomingMessage;
    url: URL;
    method: string;
    upstreamResponse: IncomingMessage;
    requestCapture: BodyCapture;
    requestBytes: Buffer;
    responseCapture: BodyCapture;
    responseBytes: Buffer;
  }): HarEntry {
    const requestHeaders = pairs(x.req.rawHeaders);
    const responseHeaders = pairs(x.upstreamResponse.rawHeaders);
    const requestType = x.req.headers['content-type'] ?? '';
    const responseText = textOf(x.responseBytes, x.responseCapture.truncated);
    const requestText = textOf(x.requestBytes, x.requestCapture.truncated);
    const cut = (capture: BodyCapture) =>
      capture.truncated
        ? `${truncatedNote}: only the first ${bodyLimit} bytes of ${capture.size} were recorded (--body-limit)`
        : undefined;
    return {
      startedDateTime: x.started.toISOString(),
      time: round(x.time),
      request: {
        method: x.method,
        url: x.url.href,
        httpVersion: `HTTP/${x.req.httpVersion}`,
        cookies: [],
        headers: requestHeaders,
        queryString: [...x.url.searchParams].map(([name, value]) => ({ name, value })),
        ...(x.requestCapture.size > 0 && {
          postData: {
            mimeType: requestType,
            text: requestText.text,
            ...(cut(x.requestCapture) && { comment: cut(x.requestCapture) }),
          },
        }),
        headersSize: -1,
        bodySize: x.requestCapture.size,
      },
      response: {
        status: x.upstreamResponse.statusCode ?? 0,
        statusText: x.upstreamResponse.statusMessage ?? '',
        httpVersion: `HTTP/${x.upstreamResponse.httpVersion}`,
        cookies: [],
        headers: responseHeaders,
        content: {
          size: x.responseCapture.truncated ? x.responseCapture.size : x.responseBytes.length,
          mimeType: x.upstreamResponse.headers['content-type'] ?? '',
          text: responseText.text,
          ...(responseText.encoding && { encoding: responseText.encoding }),
          ...(cut(x.responseCapture) && { comment: cut(x.responseCapture) }),
        },
        redirectURL: x.upstreamResponse.headers.location ?? '',
        headersSize: -1,
        bodySize: x.responseCapture.size,
      },
      cache: {},
      timings: { send: 0, wait: round(x.waited), receive: round(Math.max(0, x.time - x.waited)) },
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4011, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stats,
    async idle() {
      await Promise.allSettled([...open]);
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.allSettled([...open]);
      await options.writer.close();
    },
  };
}

/** The client's headers for the upstream: Host is the upstream's, hop-by-hop headers stay behind. */
function forwardedHeaders(headers: IncomingHttpHeaders, upstreamHost: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || hopByHop.has(name) || name === 'host') continue;
    out[name] = value;
  }
  out.host = upstreamHost;
  return out;
}

function withoutHopByHop(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (!hopByHop.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  return out;
}

function pairs(raw: readonly string[]): HarNameValue[] {
  const out: HarNameValue[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push({ name: raw[i]!, value: raw[i + 1]! });
  return out;
}

function lowerCaseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** A cut body may end inside a UTF-8 character: decode what is there rather than fall back to base64. */
function textOf(bytes: Buffer, truncated: boolean): { text: string; encoding?: 'base64' } {
  return truncated ? { text: new TextDecoder().decode(bytes) } : harText(bytes);
}

function redactedViolations(violations: readonly ExchangeViolation[], redactedComment: string | undefined): string[] {
  if (violations.length === 0) return [];
  // The comment was redacted with the exchange's secrets; print from it.
  const text = (redactedComment ?? '').replace(/^violations: /, '').split(' | ')[0]!;
  return text.split('; ');
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Reads a request body until it ends or passes `limit` bytes; then pauses it (the rest stays unread). */
function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    const finish = () => {
      req.off('data', onData);
      resolve(Buffer.concat(parts));
    };
    const onData = (chunk: Buffer) => {
      parts.push(chunk);
      length += chunk.length;
      if (length >= limit) {
        req.pause();
        finish();
      }
    };
    req.on('data', onData);
    req.once('end', finish);
    req.once('error', reject);
  });
}

function answerJson(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-bulkmock-record': 'refused',
    })
    .end(body);
}
