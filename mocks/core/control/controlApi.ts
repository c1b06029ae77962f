import type { operations } from '../../../openapi/generated/bulkmock-control.js';
import { isManualClock } from '../clock.js';
import { jsonResponse, textResponse, type MockResponse } from '../mockResponse.js';
import { currentFidelityReport } from '../../spec/fidelity/currentReport.js';
import type { FidelityVendor } from '../../spec/fidelity/fidelityReport.js';
import { renderFidelityMarkdown } from '../../spec/fidelity/renderFidelity.js';
import type { ErrorDetail, MockState, OperationCall } from '../simulator.js';
import type { JobView } from '../../jobs/jobStore.js';
import { describeSchemaErrors } from '../../spec/schemaValidators.js';
import { isRejection, readJsonBody, readParameters, validateRequestBody } from '../../spec/requestValidation.js';
import { documents, specFiles } from '../../spec/specRegistry.js';
import { defineVendor, type QueryParams, type VendorDefinition } from '../vendorDefinition.js';
import { hasCreationPath, toMockJob } from './mockJob.js';
import { getState, putState } from './stateTransfer.js';

/** What the control API needs from the core it controls. */
export interface ControlledCore {
  reset(): void;
  /** Settles when the preload that a reset starts again is done. */
  readonly ready: Promise<unknown>;
  advanceClock(ms: number): number;
}

/** The control API's view of one mock instance. */
interface ControlState {
  mock: MockState;
  core: ControlledCore;
}

type ControlCall = OperationCall<ControlState>;

function controlError(status: number, code: string, message: string, details: ErrorDetail[]): MockResponse {
  return jsonResponse(status, {
    error: { code, message: details.length > 0 ? `${message}: ${details.map((d) => d.message).join('; ')}` : message },
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
const invalidParameters = (call: ControlCall, problems: ErrorDetail[]) =>
  call.error(400, 'invalid_request', 'invalid query parameters', problems);

/**
 * The version the control API reports: its spec's `info.version`, which is the package's version
 * (test/package/controlVersion.test.ts checks that they agree), so it is written once and needs nothing from node:.
 */
const bulkmockVersion = documents.control.info.version;

function getHealth({ vendor: { mock }, now }: ControlCall): MockResponse {
  return jsonResponse(200, {
    status: 'ok',
    version: bulkmockVersion,
    vendors: mock.settings.vendors,
    timing: mock.settings.timing.mode,
    uptimeSeconds: Math.max(0, (now - mock.startedAt) / 1000),
    now: iso(now),
    transport: { ...mock.transport },
    memory: mock.memory.usage(),
  });
}

async function resetMock({ vendor: { mock, core } }: ControlCall): Promise<MockResponse> {
  core.reset();
  await core.ready;
  return jsonResponse(200, { reset: true, now: iso(mock.clock.now()) });
}

function listJobs(call: ControlCall): MockResponse {
  const params = readParameters(call);
  if (params.problems.length > 0) return invalidParameters(call, params.problems);
  const { vendor, status, operationId, creationPath } = params.values as QueryParams<operations['listJobs']>;
  const jobs = call.vendor.mock.jobs
    .list(call.now)
    .filter(
      (job: JobView) =>
        (vendor === undefined || job.vendor === vendor) &&
        (status === undefined || job.state.status === status) &&
        (operationId === undefined || job.operationId === operationId) &&
        (creationPath === undefined || hasCreationPath(job, creationPath)),
    )
    .map(toMockJob);
  return jsonResponse(200, { jobs });
}

function getJob(call: ControlCall): MockResponse {
  const job = call.vendor.mock.jobs.get(call.match.pathParams.id ?? '', call.now);
  return job
    ? jsonResponse(200, toMockJob(job))
    : call.error(404, 'not_found', `no job with id ${call.match.pathParams.id}`);
}

async function advanceClock(call: ControlCall): Promise<MockResponse> {
  const { mock, core } = call.vendor;
  const body = await readJsonBody(call);
  if (isRejection(body))
    return call.error(body.status, body.status === 415 ? 'unsupported_media_type' : 'invalid_request', body.message);
  const problems = describeSchemaErrors(validateRequestBody(call, body));
  if (problems.length > 0)
    return call.error(
      400,
      'invalid_request',
      'the body must be { "ms": <milliseconds> }',
      problems.map((p) => ({ message: p.message })),
    );
  if (!isManualClock(mock.clock)) {
    return call.error(
      400,
      'invalid_request',
      `the clock follows the wall clock in ${mock.settings.timing.mode} timing; start the mock with --timing manual to move it by hand`,
    );
  }
  const now = core.advanceClock((body as { ms: number }).ms);
  mock.jobs.settle(now);
  return jsonResponse(200, { now: iso(now), timing: mock.settings.timing.mode });
}

function listRequests(call: ControlCall): MockResponse {
  const params = readParameters(call);
  if (params.problems.length > 0) return invalidParameters(call, params.problems);
  return jsonResponse(200, {
    requests: call.vendor.mock.requestLog.recent((params.values.limit as number | undefined) ?? 100),
  });
}

function getFidelityReport(call: ControlCall): MockResponse {
  const params = readParameters(call);
  if (params.problems.length > 0) return invalidParameters(call, params.problems);
  const vendor = params.values.vendor as FidelityVendor | undefined;
  const report = currentFidelityReport(vendor ? [vendor] : undefined);
  return params.values.format === 'markdown'
    ? textResponse(200, renderFidelityMarkdown(report), 'text/markdown; charset=utf-8')
    : jsonResponse(200, report);
}

function getSettings({ vendor: { mock } }: ControlCall): MockResponse {
  const { settings } = mock;
  return jsonResponse(200, {
    seed: settings.seed,
    timing: settings.timing.mode,
    baseDelayMs: settings.timing.baseDelayMs,
    perRowMs: settings.timing.perRowMs,
    latencyMs: settings.latencyMs,
    errorRate: settings.errorRate,
    maxBodyBytes: settings.maxBodyBytes,
    strictAuth: settings.keys !== null,
    vendors: settings.vendors,
  });
}

/**
 * The mock's own API under /__bulkmock/: health, reset, jobs, clock, request log, settings, state. It is
 * described like a vendor, but owned by the core: the core serves it on every mock, with no vendor
 * credentials and no injected faults.
 */
export function createControlApi(core: ControlledCore): VendorDefinition<operations, ControlState> {
  return defineVendor<operations, ControlState>({
    name: 'control',
    title: 'Control API',
    spec: documents.control,
    specFile: specFiles.control,
    prefixes: ['/__bulkmock/'],
    auth: () => null,
    errors: { answer: controlError },
    state: (mock) => ({ mock, core }),
    operations: {
      getHealth,
      resetMock,
      listJobs,
      getJob,
      advanceClock,
      listRequests,
      getFidelityReport,
      getSettings,
      getState,
      putState,
    },
  });
}
