/**
 * npm run bench:msw [-- --duration S] [-- --rounds N] [-- --help]
 *
 * The MSW path, in process, as a frontend test suite uses it: `fetch` through `setupServer` with
 * bulkmock's handlers (bulkmock/node) against a bare MSW handler that returns the same status,
 * headers and JSON, measured in the same run. Requests are sequential (one in flight), as a test
 * suite sends them. Rounds alternate bulkmock and bare so drift in the machine hits both alike;
 * the median round counts. Figures go to bench/results/msw.json.
 */
import { parseArgs } from 'node:util';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { setupBulkmockServer } from '../mocks/adapters/msw/node.js';
import { positiveInteger } from './support/benchOptions.js';
import { count, ratio, table, targetLine, type TargetCheck } from './support/printedFigures.js';
import { writeResults } from './support/resultsFile.js';
import { median } from './support/median.js';

const usage = `Usage: npm run bench:msw [-- options]

Sequential requests per second through MSW's setupServer in this process: bulkmock's handlers
(bulkmock/node, timing instant) against a bare MSW handler answering the same JSON, for a
Thought Industries ping, a job read and a StackOne one-item batch. Writes bench/results/msw.json.

Options:
  --duration <s>   Seconds measured per request, server and round (default: 2).
  --rounds <n>     Alternating rounds; the median counts (default: 3).
  -h, --help       Show this help.`;

const origin = 'http://bulkmock.bench';
const goal = 0.9;

interface Exchange {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What bulkmock answered for an exchange, replayed verbatim by the bare handler. */
interface RecordedAnswer {
  status: number;
  headers: Record<string, string>;
  json: unknown;
}

const tiAuth = { authorization: 'Bearer bench-key' };
const stackOneAuth = {
  authorization: `Basic ${Buffer.from('bench-key:').toString('base64')}`,
  'x-account-id': 'bench-account',
};
const webinarCsv = [
  'externalId,title,slug,description,startDate,endDate,timeZone,instructorName,instructorEmail,meetingUrl,capacity,language',
  'web-1,Kubernetes Operations,,,2027-03-09T11:00:00-05:00,2027-03-09T12:30:00-05:00,America/New_York,Priya Raman,priya@northwind.example,https://zoom.us/j/84512093377,500,en',
].join('\n');
const assets = { 'bench/webinar.csv': webinarCsv };
const course = {
  items: [
    {
      external_reference: 'bench-course-1',
      title: 'Bench course',
      languages: [{ value: 'en-GB' }],
      active: true,
      duration: 'PT1H',
      content: [],
    },
  ],
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '3' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const durationMs = positiveInteger('duration', values.duration, 600) * 1000;
  const rounds = positiveInteger('rounds', values.rounds, 99);

  const exchanges = await prepareExchanges();
  const results: Array<{
    exchange: string;
    bulkmock: number;
    bare: number;
    ratio: number;
    roundsBulkmock: number[];
    roundsBare: number[];
  }> = [];
  for (const { exchange, answer } of exchanges) {
    const roundsBulkmock: number[] = [];
    const roundsBare: number[] = [];
    for (let round = 0; round < rounds; round++) {
      roundsBulkmock.push(await measureBulkmock(exchange, durationMs));
      roundsBare.push(await measureBare(exchange, answer, durationMs));
    }
    const b = median(roundsBulkmock);
    const a = median(roundsBare);
    results.push({ exchange: exchange.name, bulkmock: b, bare: a, ratio: b / a, roundsBulkmock, roundsBare });
  }

  console.log(
    table(
      ['request', 'a) bare MSW req/s', 'b) bulkmock req/s', 'b/a'],
      results.map((r) => [r.exchange, count(r.bare), count(r.bulkmock), ratio(r.ratio)]),
    ),
  );
  const checks: TargetCheck[] = results.map((r) => ({
    target: `${r.exchange}: bulkmock >= ${goal} of bare MSW`,
    measured: ratio(r.ratio),
    met: r.ratio >= goal,
  }));
  console.log();
  for (const check of checks) console.log(targetLine(check));
  const file = await writeResults(process.cwd(), 'msw', { durationMs, rounds, results, checks });
  console.log(`\nfigures written to ${file}`);
  return checks.every((c) => c.met) ? 0 : 1;
}

/** The three requests, each with bulkmock's own answer recorded once for the bare handler. */
async function prepareExchanges(): Promise<Array<{ exchange: Exchange; answer: RecordedAnswer }>> {
  const { server, core } = setupBulkmockServer({ origin, timing: { mode: 'instant' }, seed: 1, assets });
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const tiJobId = await startJobToRead();
    const exchanges: Exchange[] = [
      { name: 'TI ping', method: 'GET', path: '/incoming/v2/ping', headers: tiAuth },
      { name: 'TI job read', method: 'GET', path: `/incoming/v2/jobs/${tiJobId}`, headers: tiAuth },
      {
        name: 'StackOne one-item batch',
        method: 'POST',
        path: '/unified/lms/courses/batch',
        headers: { ...stackOneAuth, 'content-type': 'application/json' },
        body: JSON.stringify(course),
      },
    ];
    const prepared = [];
    for (const exchange of exchanges) {
      const response = await send(exchange);
      if (response.status >= 400)
        throw new Error(`${exchange.name} answered ${response.status}: ${await response.text()}`);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      prepared.push({
        exchange,
        answer: { status: response.status, headers, json: (await response.json()) as unknown },
      });
    }
    core.reset();
    return prepared;
  } finally {
    server.close();
  }
}

/** Starts a Thought Industries job (a one-row webinar dry run) and returns its id. */
async function startJobToRead(): Promise<string> {
  const response = await fetch(`${origin}/incoming/v2/content/courseGroup/webinar/bulk`, {
    method: 'POST',
    headers: { ...tiAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ bulkImportAssetPath: 'bench/webinar.csv', dryRun: true }),
  });
  const id = findJobId(await response.json());
  if (!id) throw new Error(`could not start a job to read: ${response.status}`);
  return id;
}

/** The id of the background job in a Thought Industries answer, wherever the wrapper puts it. */
function findJobId(answer: unknown): string | undefined {
  const seen = [answer];
  while (seen.length > 0) {
    const value = seen.pop();
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const job = record['backgroundJob'];
      if (job && typeof job === 'object' && typeof (job as { id?: unknown }).id === 'string')
        return (job as { id: string }).id;
      seen.push(...Object.values(record));
    }
  }
  return undefined;
}

function send(exchange: Exchange): Promise<Response> {
  return fetch(`${origin}${exchange.path}`, {
    method: exchange.method,
    headers: exchange.headers,
    body: exchange.body,
  });
}

async function measureBulkmock(exchange: Exchange, durationMs: number): Promise<number> {
  const { server } = setupBulkmockServer({ origin, timing: { mode: 'instant' }, seed: 1, assets });
  server.listen({ onUnhandledRequest: 'error' });
  try {
    // The job read needs its job: the same import on a fresh core with the same seed makes the same id.
    if (exchange.name === 'TI job read') await startJobToRead();
    return await requestsPerSecond(exchange, durationMs);
  } finally {
    server.close();
  }
}

async function measureBare(exchange: Exchange, answer: RecordedAnswer, durationMs: number): Promise<number> {
  const method = exchange.method === 'GET' ? http.get : http.post;
  const handler: HttpHandler = method(`${origin}${exchange.path}`, async ({ request }) => {
    if (exchange.method === 'POST') await request.arrayBuffer();
    return HttpResponse.json(answer.json as never, { status: answer.status, headers: answer.headers });
  });
  const server = setupServer(handler);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    return await requestsPerSecond(exchange, durationMs);
  } finally {
    server.close();
  }
}

/** Sequential requests for a warm-up second, then for `durationMs`; each answer is read to the end. */
async function requestsPerSecond(exchange: Exchange, durationMs: number): Promise<number> {
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) await (await send(exchange)).arrayBuffer();
  let done = 0;
  const start = performance.now();
  const until = start + durationMs;
  while (performance.now() < until) {
    const response = await send(exchange);
    await response.arrayBuffer();
    if (response.status >= 400) throw new Error(`${exchange.name} answered ${response.status} during the measurement`);
    done++;
  }
  return (done * 1000) / (performance.now() - start);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
