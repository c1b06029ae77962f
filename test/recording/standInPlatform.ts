import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the three real platforms, written for the recording tests: a small node:http
 * server that shares no code with bulkmock. It implements a minimal import and job lifecycle per
 * vendor and differs from our specs in exactly these known ways (the field report must name them
 * and nothing else):
 *
 *   1. Thought Industries job polls answer `status: "pending"` first, a value the spec does not list
 *      (a designed rule: BackgroundJobStatus);
 *   2. Thought Industries job polls carry an extra field, `createdBy` (allowed, reported as undocumented);
 *   3. the first StackOne course list answers 429 without `Retry-After` (a designed rule: the RetryAfter header);
 *   4. the StackOne batch answer's `statusCode` is the string "202", not the integer 202 (a documented fact).
 *
 * Timestamps are the wall clock's (the volatile fields); ids count up from 1.
 */
export interface StandInPlatform {
  url: string;
  server: Server;
  /** Every request as it arrived: method, URL, headers (lower case), body. */
  received: Array<{
    method: string;
    url: string;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>;
  close(): Promise<void>;
}

export const standInKeys = {
  thoughtIndustries: 'tiSecret+Key/42==',
  stackOne: 'so_live_Sec/ret+99',
  learningBuilder: 'lbKey%Secret&17',
} as const;

/** `deviations: false` makes the stand-in keep every spec rule, the control case of the field report. */
export async function startStandInPlatform(
  options: { host?: string; deviations?: boolean } = {},
): Promise<StandInPlatform> {
  const host = options.host ?? '127.0.0.1';
  const deviate = options.deviations ?? true;
  let nextId = 1;
  const jobs = new Map<string, { polls: number; description: string }>();
  const courses: Array<Record<string, unknown>> = [];
  let listedOnce = false;
  const received: StandInPlatform['received'] = [];

  const uuid = () => `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`;
  const now = () => new Date().toISOString();

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    received.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers }, body });
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const auth = req.headers.authorization ?? '';
    const route = `${req.method} ${url.pathname}`;

    if (url.pathname.startsWith('/incoming/v2/')) {
      if (auth !== `Bearer ${standInKeys.thoughtIndustries}`) return send(res, 401, null);
      if (route === 'POST /incoming/v2/content/courseGroup/webinar/bulk') {
        const input = JSON.parse(body) as { bulkImportAssetPath: string; dryRun?: boolean };
        const id = uuid();
        const description = `Import of 1 course group webinars from ${input.bulkImportAssetPath}`;
        if (!input.dryRun) jobs.set(id, { polls: 0, description });
        return send(res, 200, {
          data: {
            APIBulkCourseGroupWebinarImport: {
              dryRun: input.dryRun === true,
              validRows: [{ row: 1, values: webinarRow }],
              invalidRows: [],
              backgroundJob: {
                id,
                type: 'courseGroupWebinarBulkImport',
                description,
                createdAt: now(),
                repeatable: false,
                status: input.dryRun ? 'complete' : 'queued',
                progress: { processed: input.dryRun ? 1 : 0, total: 1 },
              },
            },
          },
        });
      }
      const job = /^GET \/incoming\/v2\/jobs\/([^/]+)$/.exec(route);
      if (job) {
        const state = jobs.get(job[1]!);
        if (!state) return send(res, 404, { errors: [{ code: 'not_found', message: 'no such job' }] });
        state.polls += 1;
        const [status, processed] =
          state.polls === 1
            ? [deviate ? 'pending' : 'queued', 0]
            : state.polls === 2
              ? ['processing', 0]
              : ['complete', 1];
        return send(res, 200, {
          data: {
            APIBackgroundJob: {
              id: job[1],
              type: 'courseGroupWebinarBulkImport',
              description: state.description,
              createdAt: now(),
              repeatable: false,
              status,
              progress: { processed, total: 1 },
              ...(deviate && { createdBy: 'api' }),
            },
          },
        });
      }
    }

    if (url.pathname.startsWith('/unified/')) {
      if (auth !== `Basic ${Buffer.from(`${standInKeys.stackOne}:`).toString('base64')}`)
        return send(res, 401, { statusCode: 401, message: 'Unauthorized', timestamp: now() });
      if (route === 'POST /unified/lms/courses/batch') {
        const { items } = JSON.parse(body) as { items: Array<Record<string, unknown>> };
        for (const item of items)
          courses.push({ id: `course-${nextId++}`, ...item, created_at: now(), updated_at: now() });
        return send(res, 202, {
          statusCode: deviate ? '202' : 202,
          message: 'Batch operation accepted',
          timestamp: now(),
          errors: items.map(() => []),
        });
      }
      if (route === 'GET /unified/lms/courses') {
        if (!listedOnce) {
          listedOnce = true;
          return send(
            res,
            429,
            { statusCode: 429, message: 'Too many requests', timestamp: now(), provider_errors: [] },
            deviate ? {} : { 'retry-after': '1' },
          );
        }
        return send(res, 200, { next: null, data: courses });
      }
    }

    if (url.pathname.startsWith('/API/')) {
      if (auth !== `apikey ${standInKeys.learningBuilder}`) return send(res, 401, { message: 'bad key' });
      if (route === 'POST /API/WorkflowImportQueue/CreateBatch') {
        const id = uuid();
        return send(res, 200, {
          queueBatchId: id,
          queueBatchDetails: `http://${req.headers.host}/Admin/ImportQueue/Batch?batchId=${id}`,
        });
      }
    }
    if (route === 'GET /Admin/ImportQueue/Batch') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': 'LBSESSION=session-secret-0451; Path=/; HttpOnly',
      });
      return void res.end(
        `<html><body><h1>Batch ${url.searchParams.get('batchId')}</h1><p>1 record, complete</p></body></html>`,
      );
    }
    send(res, 404, { message: `the stand-in has no ${route}` });
  };
  // A stand-in that breaks answers 500 saying why, instead of leaving the client waiting.
  const server = createServer((req, res) => {
    void answer(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else send(res, 500, { message: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    server,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const webinarRow = {
  externalId: 'W-1',
  title: 'Kubernetes',
  slug: 'kube',
  description: 'Intro',
  startDate: '2027-03-01T10:00:00Z',
  endDate: '2027-03-01T11:00:00Z',
  timeZone: 'Europe/Paris',
  instructorName: 'Ann',
  instructorEmail: 'ann@example.com',
  meetingUrl: 'https://meet.example.com/a',
  capacity: 50,
  language: 'en',
};

function send(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (value === null) return void res.writeHead(status, headers).end();
  const text = JSON.stringify(value);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
    .end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
