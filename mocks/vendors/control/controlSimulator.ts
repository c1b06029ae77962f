import { isManualClock } from '../../core/clock.js';
import { jsonResponse, textResponse, type MockResponse } from '../../core/mockResponse.js';
import { currentFidelityReport } from '../../spec/fidelity/currentReport.js';
import type { FidelityVendor } from '../../spec/fidelity/fidelityReport.js';
import { renderFidelityMarkdown } from '../../spec/fidelity/renderFidelity.js';
import type { ErrorDetail, MockState, OperationCall, VendorSimulator } from '../../core/simulator.js';
import type { JobView } from '../../jobs/jobStore.js';
import { describeSchemaErrors } from '../../spec/schemaValidators.js';
import { isRejection, readJsonBody, readParameters, validateRequestBody } from '../../spec/requestValidation.js';
import { hasCreationPath, toMockJob } from './mockJob.js';

export const bulkmockVersion = '0.1.0';

/** What the control API needs from the core it controls. */
export interface ControlledCore {
  reset(): void;
  /** Settles when the preload that a reset starts again is done. */
  readonly ready: Promise<unknown>;
  advanceClock(ms: number): number;
}

/** The mock's own API under /__bulkmock/: health, reset, jobs, clock, request log, settings. */
export function createControlSimulator(state: MockState, core: ControlledCore): VendorSimulator {
  const error = (status: number, code: string, message: string, details: ErrorDetail[] = []): MockResponse =>
    jsonResponse(status, {
      error: { code, message: details.length > 0 ? `${message}: ${details.map((d) => d.message).join('; ')}` : message },
    });
  const iso = (ms: number) => new Date(ms).toISOString();
  const invalidParameters = (problems: ErrorDetail[]) => error(400, 'invalid_request', 'invalid query parameters', problems);

  return {
    spec: 'control',
    authenticate: () => null,
    error,
    reset: () => undefined,
    handlers: {
      getHealth: (call) =>
        jsonResponse(200, {
          status: 'ok',
          version: bulkmockVersion,
          vendors: state.settings.vendors,
          timing: state.settings.timing.mode,
          uptimeSeconds: Math.max(0, (call.now - state.startedAt) / 1000),
          now: iso(call.now),
          transport: { ...state.transport },
          memory: state.memory.usage(),
        }),
      resetMock: async () => {
        core.reset();
        await core.ready;
        return jsonResponse(200, { reset: true, now: iso(state.clock.now()) });
      },
      listJobs: (call) => {
        const params = readParameters(call);
        if (params.problems.length > 0) return invalidParameters(params.problems);
        const jobs = state.jobs
          .list(call.now)
          .filter(
            (job: JobView) =>
              (params.values.vendor === undefined || job.vendor === params.values.vendor) &&
              (params.values.status === undefined || job.state.status === params.values.status) &&
              (params.values.operationId === undefined || job.operationId === params.values.operationId) &&
              (params.values.creationPath === undefined || hasCreationPath(job, String(params.values.creationPath))),
          )
          .map(toMockJob);
        return jsonResponse(200, { jobs });
      },
      getJob: (call) => {
        const job = state.jobs.get(call.match.pathParams.id ?? '', call.now);
        return job ? jsonResponse(200, toMockJob(job)) : error(404, 'not_found', `no job with id ${call.match.pathParams.id}`);
      },
      advanceClock: async (call) => {
        const body = await readJsonBody(call);
        if (isRejection(body)) return error(body.status, body.status === 415 ? 'unsupported_media_type' : 'invalid_request', body.message);
        const problems = describeSchemaErrors(validateRequestBody(call, body));
        if (problems.length > 0) return error(400, 'invalid_request', 'the body must be { "ms": <milliseconds> }', problems.map((p) => ({ message: p.message })));
        if (!isManualClock(state.clock)) {
          return error(400, 'invalid_request', `the clock follows the wall clock in ${state.settings.timing.mode} timing; start the mock with --timing manual to move it by hand`);
        }
        const now = core.advanceClock((body as { ms: number }).ms);
        state.jobs.settle(now);
        return jsonResponse(200, { now: iso(now), timing: state.settings.timing.mode });
      },
      listRequests: (call) => {
        const params = readParameters(call);
        if (params.problems.length > 0) return invalidParameters(params.problems);
        return jsonResponse(200, { requests: state.requestLog.recent((params.values.limit as number | undefined) ?? 100) });
      },
      getFidelityReport: (call) => {
        const params = readParameters(call);
        if (params.problems.length > 0) return invalidParameters(params.problems);
        const vendor = params.values.vendor as FidelityVendor | undefined;
        const report = currentFidelityReport(vendor ? [vendor] : undefined);
        return params.values.format === 'markdown' ? textResponse(200, renderFidelityMarkdown(report), 'text/markdown; charset=utf-8') : jsonResponse(200, report);
      },
      getSettings: () => {
        const { settings } = state;
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
      },
    },
  };
}

/** Every /__bulkmock/ operation needs the control token when the mock was started with one. */
export function checkControlToken(call: OperationCall): string | null {
  const expected = call.state.settings.controlToken;
  if (!expected) return null;
  const sent = call.request.headers['x-bulkmock-token'];
  if (sent === undefined) return 'this mock requires the control token in the X-Bulkmock-Token header';
  return sameText(sent, expected) ? null : 'the X-Bulkmock-Token header does not match the control token';
}

/** Compares in time that depends only on the lengths, so the token cannot be guessed character by character. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}
