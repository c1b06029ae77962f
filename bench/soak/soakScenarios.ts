import { fixtureText, type GeneratorKind } from '../../generators/index.js';
import { request, type SoakTally } from './soakTally.js';

/** An import the server accepted, and how a client reads its job's status. */
export interface AcceptedImport {
  scenario: string;
  id: string;
  /** The status the job must end in: failed when the client asked for a failure. */
  expectedEnd: 'complete' | 'failed';
  /** The job's status now: queued, processing, complete or failed; null when it cannot be read. */
  readStatus(): Promise<string | null>;
}

export interface SoakClient {
  baseUrl: string;
  tally: SoakTally;
  /** The client's number, which also seeds its data. */
  index: number;
}

/** One kind of import a client can start: its own body, sent the way a real client sends it. */
export interface ImportScenario {
  name: string;
  /** Once per client before the run (an asset upload, say). */
  prepare?(client: SoakClient): Promise<void>;
  /** Whether `start` can ask for a job that fails (certificate templates end in their answer). */
  canFail: boolean;
  /**
   * Starts one import; null when it was not accepted (the answer is counted in the tally). With
   * `failJob`, asks the mock (X-Bulkmock-Fail-Job) to fail its job half way.
   */
  start(client: SoakClient, failJob: boolean): Promise<AcceptedImport | null>;
}

const tiAuth = { authorization: 'Bearer soak-ti-key' };
const stackOneAuth = {
  authorization: `Basic ${Buffer.from('soak-stackone-key:').toString('base64')}`,
  'x-account-id': 'soak-account',
};
const lbAuth = { authorization: 'apikey soak-lb-key' };
const json = { 'content-type': 'application/json' };
const failure = (failJob: boolean): Record<string, string> =>
  failJob ? { 'x-bulkmock-fail-job': 'soak: a failure asked for by the client' } : {};
const expectedEnd = (failJob: boolean): 'complete' | 'failed' => (failJob ? 'failed' : 'complete');

const bodies = new Map<string, Promise<string>>();

/** Realistic rows from bulkmock's own generators, different for each client; made once, sent many times. */
function body(kind: GeneratorKind, count: number, seed: number): Promise<string> {
  const key = `${kind}/${count}/${seed}`;
  let text = bodies.get(key);
  if (!text) bodies.set(key, (text = fixtureText({ kind, count, seed }).then((fixture) => fixture.text)));
  return text;
}

/** Reads a Thought Industries job the way a client polls it: GET /incoming/v2/jobs/{id}. */
function thoughtIndustriesJob(client: SoakClient, scenario: string, id: string, failJob: boolean): AcceptedImport {
  return {
    scenario,
    id,
    expectedEnd: expectedEnd(failJob),
    async readStatus() {
      const answer = await request(client.tally, `${client.baseUrl}/incoming/v2/jobs/${id}`, { headers: tiAuth });
      return answer?.status === 200
        ? ((answer.body as { data: { APIBackgroundJob: { status: string } } }).data.APIBackgroundJob.status ?? null)
        : null;
    },
  };
}

function assetImport(
  name: string,
  kind: 'ti-webinar' | 'ti-in-person-event',
  endpoint: string,
  answerKey: string,
): ImportScenario {
  const assetPath = (client: SoakClient) => `soak/client-${client.index}/${kind}.csv`;
  return {
    name,
    canFail: true,
    async prepare(client) {
      const csv = await body(kind, 5, client.index);
      const answer = await request(client.tally, `${client.baseUrl}/__bulkmock/assets/${assetPath(client)}`, {
        method: 'PUT',
        headers: { 'content-type': 'text/csv' },
        body: csv,
      });
      if (answer?.status !== 201)
        throw new Error(`uploading ${assetPath(client)} got ${answer?.status ?? 'no answer'}`);
    },
    async start(client, failJob) {
      const answer = await request(client.tally, `${client.baseUrl}${endpoint}`, {
        method: 'POST',
        headers: { ...tiAuth, ...json, ...failure(failJob) },
        body: JSON.stringify({ bulkImportAssetPath: assetPath(client) }),
      });
      if (answer?.status !== 200) return null;
      const id = (answer.body as { data: Record<string, { backgroundJob: { id: string } }> }).data[answerKey]!
        .backgroundJob.id;
      return thoughtIndustriesJob(client, name, id, failJob);
    },
  };
}

const certificateTemplates: ImportScenario = {
  name: 'ti certificate templates',
  canFail: false,
  async start(client) {
    const answer = await request(client.tally, `${client.baseUrl}/incoming/v2/content/certificate-templates/bulk`, {
      method: 'POST',
      headers: { ...tiAuth, ...json },
      body: await body('ti-certificate-template', 3, client.index),
    });
    if (answer?.status !== 200) return null;
    const id = (answer.body as { data: { APIBulkCreateCertificateTemplates: { backgroundJob: { id: string } } } }).data
      .APIBulkCreateCertificateTemplates.backgroundJob.id;
    return thoughtIndustriesJob(client, this.name, id, false);
  },
};

/** StackOne has no job endpoint: its job is read from the mock's control API by the id in X-Bulkmock-Job-Id. */
const stackOneBatch: ImportScenario = {
  name: 'stackone course batch',
  canFail: true,
  async start(client, failJob) {
    const answer = await request(client.tally, `${client.baseUrl}/unified/lms/courses/batch`, {
      method: 'POST',
      headers: { ...stackOneAuth, ...json, ...failure(failJob) },
      body: await body('stackone-course', 3, client.index),
    });
    const id = answer?.headers.get('x-bulkmock-job-id');
    if (answer?.status !== 202 || !id) return null;
    return {
      scenario: this.name,
      id,
      expectedEnd: expectedEnd(failJob),
      async readStatus() {
        const job = await request(client.tally, `${client.baseUrl}/__bulkmock/jobs/${id}`, {});
        return job?.status === 200 ? ((job.body as { status: string }).status ?? null) : null;
      },
    };
  },
};

/** Learning Builder: the batch is read at the details link the answer gives. */
const learningBuilderBatch: ImportScenario = {
  name: 'learning builder batch',
  canFail: true,
  async start(client, failJob) {
    const url = `${client.baseUrl}/API/WorkflowImportQueue/CreateBatch?importProcessId=4182&fileName=soak-${client.index}.jsonl&creationPath=LH`;
    const answer = await request(client.tally, url, {
      method: 'POST',
      headers: { ...lbAuth, 'content-type': 'application/x-ndjson', ...failure(failJob) },
      body: await body('lb-record', 5, client.index),
    });
    if (answer?.status !== 200) return null;
    const { queueBatchId, queueBatchDetails } = answer.body as { queueBatchId: string; queueBatchDetails: string };
    return {
      scenario: this.name,
      id: queueBatchId,
      expectedEnd: expectedEnd(failJob),
      async readStatus() {
        const details = await request(client.tally, queueBatchDetails, { headers: { accept: 'application/json' } });
        return details?.status === 200 ? ((details.body as { status: string }).status ?? null) : null;
      },
    };
  },
};

export const importScenarios: readonly ImportScenario[] = [
  assetImport(
    'ti webinar import',
    'ti-webinar',
    '/incoming/v2/content/courseGroup/webinar/bulk',
    'APIBulkCourseGroupWebinarImport',
  ),
  assetImport(
    'ti in-person event import',
    'ti-in-person-event',
    '/incoming/v2/content/session/inPersonEvent/bulk',
    'APIBulkInPersonEventImport',
  ),
  certificateTemplates,
  stackOneBatch,
  learningBuilderBatch,
];

export const terminalStatuses: ReadonlySet<string> = new Set(['complete', 'failed']);
const order = ['queued', 'processing', 'complete', 'failed'];

/** Whether a job went from one status to another the lifecycle does not allow (backwards, or between terminals). */
export function movedBackwards(from: string, to: string): boolean {
  if (terminalStatuses.has(from)) return from !== to;
  return order.indexOf(to) < order.indexOf(from);
}
