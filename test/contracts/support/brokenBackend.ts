import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer, type RunningServer } from '../../../mocks/adapters/http/httpServer.js';
import type { CreateMockOptions } from '../../../mocks/builtInVendors.js';

interface ProxiedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One deliberate defect: a rewrite of the request before it reaches the real mock, and/or of the
 * answer before it reaches the client. Return nothing to pass a message through unchanged.
 */
export interface Defect {
  request?(request: ProxiedRequest): Partial<ProxiedRequest> | void;
  /** `request` is the request as the client sent it, before any rewrite. */
  response?(response: ProxiedResponse, request: ProxiedRequest): Partial<ProxiedResponse> | void;
}

export interface BrokenBackend {
  url: string;
  mock: RunningServer;
  close(): Promise<void>;
}

const hopByHop = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/**
 * A real bulkmock behind a tiny node:http proxy that breaks one thing. The contract suite must
 * catch each defect; these backends prove that it can fail.
 */
export async function startBrokenBackend(
  defect: Defect,
  mock: CreateMockOptions = { timing: { mode: 'instant' } },
): Promise<BrokenBackend> {
  const upstream = await startMockServer({ port: 0, mock });
  const server = createServer((req, res) => {
    relay(req).then(
      (answer) => {
        res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
        res.end(answer.body);
      },
      (error: Error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`broken backend failed: ${error.message}`);
      },
    );
  });

  async function relay(req: IncomingMessage): Promise<ProxiedResponse> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined && !hopByHop.has(name)) headers[name] = String(value);
    const original: ProxiedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const request = { ...original, ...defect.request?.(original) };
    const hasBody = !['GET', 'HEAD'].includes(request.method);
    const response = await fetch(`${upstream.url}${request.url}`, {
      method: request.method,
      headers: request.headers,
      body: hasBody ? request.body : undefined,
    });
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!hopByHop.has(name)) responseHeaders[name] = value;
    });
    const answer: ProxiedResponse = { status: response.status, headers: responseHeaders, body: await response.text() };
    return { ...answer, ...defect.response?.(answer, original) };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mock: upstream,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await upstream.close();
    },
  };
}

/** Rewrites a JSON body; non-JSON bodies pass unchanged. */
export function editJson(body: string, edit: (value: Record<string, unknown>) => void): string {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return body;
  }
  edit(value);
  return JSON.stringify(value);
}

const pathOf = (url: string) => url.split('?')[0]!;

/** The defects the suite must catch, one per backend; each call makes a fresh one. */
export const defects = {
  /** GET /incoming/v2/jobs/{id} answers without the required createdAt. */
  missingRequiredField: (): Defect => ({
    response(response, request) {
      if (request.method !== 'GET' || !pathOf(request.url).startsWith('/incoming/v2/jobs/') || response.status !== 200)
        return;
      return {
        body: editJson(
          response.body,
          (v) => delete (v as { data: { APIBackgroundJob: Record<string, unknown> } }).data.APIBackgroundJob.createdAt,
        ),
      };
    },
  }),
  /** A StackOne batch is answered 200 instead of the documented 202. */
  wrongStatus: (): Defect => ({
    response(response, request) {
      if (request.method === 'POST' && pathOf(request.url) === '/unified/lms/courses/batch' && response.status === 202)
        return { status: 200 };
    },
  }),
  /** StackOne's errors shifted by one slot: same length, but each list sits under the wrong item. */
  misalignedErrors: (): Defect => ({
    response(response, request) {
      if (request.method !== 'POST' || pathOf(request.url) !== '/unified/lms/courses/batch' || response.status !== 202)
        return;
      return {
        body: editJson(response.body, (v) => {
          const errors = v.errors as unknown[];
          v.errors = [[], ...errors.slice(0, -1)];
        }),
      };
    },
  }),
  /** Once a Thought Industries job has been read as complete, it is reported processing again. */
  jobGoesBack: (): Defect => {
    const completed = new Set<string>();
    return {
      response(response, request) {
        const path = pathOf(request.url);
        if (request.method !== 'GET' || !path.startsWith('/incoming/v2/jobs/') || response.status !== 200) return;
        const job = (JSON.parse(response.body) as { data: { APIBackgroundJob: { status: string } } }).data
          .APIBackgroundJob;
        if (job.status !== 'complete') return;
        if (!completed.has(path)) {
          completed.add(path);
          return;
        }
        return {
          body: editJson(response.body, (v) => {
            (v as { data: { APIBackgroundJob: { status: string } } }).data.APIBackgroundJob.status = 'processing';
          }),
        };
      },
    };
  },
  /** A webinar dry run is forwarded as a real import, and the answer dressed up as a dry run. */
  dryRunPersists: (): Defect => ({
    request(request) {
      if (request.method !== 'POST' || pathOf(request.url) !== '/incoming/v2/content/courseGroup/webinar/bulk') return;
      return { body: editJson(request.body, (v) => delete v.dryRun) };
    },
    response(response, request) {
      if (
        request.method !== 'POST' ||
        pathOf(request.url) !== '/incoming/v2/content/courseGroup/webinar/bulk' ||
        response.status !== 200 ||
        !request.body.includes('"dryRun":true')
      )
        return;
      return {
        body: editJson(response.body, (v) => {
          const result = (
            v as { data: { APIBulkCourseGroupWebinarImport: { dryRun: boolean; backgroundJob: { status: string } } } }
          ).data.APIBulkCourseGroupWebinarImport;
          result.dryRun = true;
          result.backgroundJob.status = 'complete';
        }),
      };
    },
  }),
  /** Every vendor call is answered 500 with the credentials it sent echoed in the body. */
  echoCredentials: (): Defect => ({
    response(_response, request) {
      const auth = request.headers.authorization;
      if (!auth || request.url.startsWith('/__bulkmock/')) return;
      const message = `refused the credentials "${auth}" of account ${request.headers['x-account-id'] ?? 'none'}`;
      return {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          errors: [{ code: 'internal_error', message }],
          statusCode: 500,
          message,
          timestamp: '2026-03-09T14:22:05.481Z',
          errorCode: 'INTERNAL_ERROR',
        }),
      };
    },
  }),
};
