import { importScenarios, type AcceptedImport, type SoakClient } from '../../bench/soak/soakScenarios.js';
import { createTally } from '../../bench/soak/soakTally.js';
import { startServe, type ServeProcess } from '../support/serverProcess.js';

/** `bulkmock serve` on the shared store, manual timing (the clock moves only by a logged write). */
export function startReplica(storeUrl: string, prefix: string, extra: string[] = []): Promise<ServeProcess> {
  return startServe([
    '--timing',
    'manual',
    '--store',
    storeUrl,
    '--store-prefix',
    prefix,
    '--insecure-control',
    '--log',
    'none',
    ...extra,
  ]);
}

/** A client of the soak: the same imports of every vendor, sent to `baseUrl` (which a test may point elsewhere). */
export function client(baseUrl: string, index: number): SoakClient {
  return { baseUrl, tally: createTally(), index };
}

/** Starts one import of every vendor's kind through the client's replica; every one must be accepted. */
export async function importEveryVendor(through: SoakClient): Promise<AcceptedImport[]> {
  const accepted: AcceptedImport[] = [];
  for (const scenario of importScenarios) {
    await scenario.prepare?.(through);
    const started = await scenario.start(through, false);
    if (!started)
      throw new Error(
        `${scenario.name} was not accepted: ${JSON.stringify(through.tally.statuses)} ${through.tally.failureSamples.join('; ')}`,
      );
    accepted.push(started);
  }
  return accepted;
}

export interface ListedJob {
  id: string;
  status: string;
  vendor: string;
}

/** Every job a replica holds, from its control API. */
export async function jobsOn(replica: ServeProcess): Promise<ListedJob[]> {
  const answer = await fetch(`${replica.url}/__bulkmock/jobs`);
  if (answer.status !== 200)
    throw new Error(`GET /__bulkmock/jobs on ${replica.url}: ${answer.status} ${await answer.text()}`);
  return ((await answer.json()) as { jobs: ListedJob[] }).jobs;
}

export async function advanceClock(replica: ServeProcess, ms: number): Promise<Response> {
  return fetch(`${replica.url}/__bulkmock/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ms }),
  });
}

const stackOne = {
  authorization: `Basic ${Buffer.from('soak-stackone-key:').toString('base64')}`,
  'x-account-id': 'soak-account',
};

/** The StackOne courses a replica holds for the soak's account, as the vendor lists them. */
export async function stackOneCourses(replica: ServeProcess): Promise<unknown> {
  const answer = await fetch(`${replica.url}/unified/lms/courses?page_size=200`, { headers: stackOne });
  if (answer.status !== 200)
    throw new Error(`listing courses on ${replica.url}: ${answer.status} ${await answer.text()}`);
  return answer.json();
}
