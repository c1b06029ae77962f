import type { components } from '../../openapi/generated/bulkmock-control.js';
import type { MockCore } from '../core/mockCore.js';
import { bodyFromBytes } from '../core/mockRequest.js';
import type { MockResponse } from '../core/mockResponse.js';

/** A job as the control API shows it (`GET /__bulkmock/jobs/{id}`). */
export type MockJob = components['schemas']['MockJob'];

export interface WaitForJobOptions {
  /**
   * Realistic timing only: how long to poll before giving up, in wall-clock ms. Default 30,000.
   * Manual and instant timing never wait on the wall clock.
   */
  timeoutMs?: number;
  /** Realistic timing only: the pause between two polls, in ms. Default 25. */
  pollMs?: number;
}

/** The longest a manual clock is moved for one job before we call the job stuck: a year, as the control API allows. */
const maxManualAdvanceMs = 365 * 24 * 3600 * 1000;

/**
 * Waits until a job ends (complete or failed) and returns it as the control API shows it.
 *
 * - `instant` timing: the job has already ended; it is returned at once.
 * - `manual` timing: the mock's clock is moved forward, in steps that double from the job timing's
 *   base delay, until the job has ended; no wall-clock time passes. The clock may end up past the
 *   job's exact end (by less than the last step), as it would after `POST /__bulkmock/clock/advance`.
 * - `realistic` timing: the job is polled every `pollMs` until it ends or `timeoutMs` passes.
 *
 * It talks to the core through its own control API, so it sees exactly what a client would.
 */
export async function waitForJob(core: MockCore, id: string, options: WaitForJobOptions = {}): Promise<MockJob> {
  const timing = core.state.settings.timing;
  let job = await readJob(core, id);
  if (isEnded(job)) return job;
  if (timing.mode === 'realistic') return pollJob(core, id, options);

  let step = Math.max(1, timing.baseDelayMs);
  let moved = 0;
  while (!isEnded(job)) {
    if (moved >= maxManualAdvanceMs)
      throw new Error(`job ${id} had not ended after the clock moved ${moved} ms; it is still ${job.status}`);
    const ms = Math.min(step, maxManualAdvanceMs - moved);
    await control(core, 'POST', '/__bulkmock/clock/advance', { ms });
    moved += ms;
    step *= 2;
    job = await readJob(core, id);
  }
  return job;
}

async function pollJob(core: MockCore, id: string, options: WaitForJobOptions): Promise<MockJob> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pollMs = options.pollMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await readJob(core, id);
    if (isEnded(job)) return job;
    if (Date.now() >= deadline)
      throw new Error(
        `job ${id} was still ${job.status} after ${timeoutMs} ms of realistic timing; use instant or manual timing in tests, or a larger timeoutMs`,
      );
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function isEnded(job: MockJob): boolean {
  return job.status === 'complete' || job.status === 'failed';
}

async function readJob(core: MockCore, id: string): Promise<MockJob> {
  const response = await control(core, 'GET', `/__bulkmock/jobs/${encodeURIComponent(id)}`);
  if (response.status === 404)
    throw new Error(
      `no job has the id "${id}": pass the id the vendor API handed out (StackOne: the x-bulkmock-job-id header)`,
    );
  return jsonOf(response) as MockJob;
}

/** One call to the core's control API, with the control token when the mock has one. */
async function control(core: MockCore, method: string, path: string, body?: unknown): Promise<MockResponse> {
  const headers: Record<string, string> = {};
  const token = core.state.settings.controlToken;
  if (token !== null) headers['x-bulkmock-token'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const bytes = new TextEncoder().encode(body === undefined ? '' : JSON.stringify(body));
  const response = await core.handle({
    method,
    path,
    query: new URLSearchParams(),
    headers,
    body: bodyFromBytes(bytes, core.state.settings.maxBodyBytes),
  });
  if (response.status >= 400 && response.status !== 404)
    throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(jsonOf(response))}`);
  return response;
}

function jsonOf(response: MockResponse): unknown {
  return response.body.kind === 'json'
    ? response.body.value
    : response.body.kind === 'text'
      ? response.body.text
      : null;
}
