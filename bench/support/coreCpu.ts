/**
 * The CPU that bulkmock's transport-free core spends on each bench request, in this process: the
 * built core (dist/, as `bulkmock serve` runs it) handles the request and its answer is serialized,
 * with no node:http around it. A bare server that burns the same CPU per request (bareJsonServer
 * with --burn-us) is then the ceiling for a server that does this work: the distance between it
 * and `bulkmock serve` is what the HTTP adapter adds, the rest of the distance to the bare server
 * is the work itself.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Answer, BenchRequest } from './benchRequest.js';
import { prepareScenarios, type ScenarioId } from './serveScenarios.js';

/** The parts of the built core's public API this measure uses (bulkmock's `.` export). */
interface BuiltCore {
  createMockCore(options: { timing: { mode: 'instant' } }): {
    ready: Promise<unknown>;
    handle(request: unknown, baseUrl: string): Promise<{ status: number; body: unknown }>;
  };
  bodyFromBytes(bytes: Uint8Array | string): unknown;
  serializeBody(response: unknown): string | null;
}

const encoder = new TextEncoder();

/**
 * CPU microseconds per request of each scenario: after `warmup` requests, the least of `rounds`
 * rounds of `count` requests (the round least disturbed by the machine's neighbours).
 */
export async function coreCpuPerRequest(
  root: string,
  { count = 3_000, rounds = 3, warmup = 3_000 } = {},
): Promise<Map<ScenarioId, number>> {
  const built = (await import(pathToFileURL(path.join(root, 'dist', 'mocks', 'index.js')).href)) as BuiltCore;
  const core = built.createMockCore({ timing: { mode: 'instant' } });
  await core.ready;
  const baseUrl = 'http://127.0.0.1';
  const answer = async (request: BenchRequest): Promise<Answer> => {
    const response = await core.handle(
      {
        method: request.method,
        path: request.path,
        query: new URLSearchParams(),
        headers: { host: '127.0.0.1', ...request.headers },
        body: built.bodyFromBytes(encoder.encode(request.body ?? '')),
      },
      baseUrl,
    );
    return { status: response.status, text: built.serializeBody(response) ?? '' };
  };
  const scenarios = await prepareScenarios(answer);
  const perRequest = new Map<ScenarioId, number>();
  for (const { id, request, status } of scenarios) {
    const once = async () => {
      const { status: got, text } = await answer(request);
      if (got !== status) throw new Error(`the core answered ${request.method} ${request.path} with ${got}: ${text}`);
    };
    for (let i = 0; i < warmup; i++) await once();
    let least = Infinity;
    for (let round = 0; round < rounds; round++) {
      // CPU time, not wall time: on a shared machine the wall clock measures the neighbours too.
      const started = process.cpuUsage();
      for (let i = 0; i < count; i++) await once();
      const used = process.cpuUsage(started);
      least = Math.min(least, (used.user + used.system) / count);
    }
    perRequest.set(id, least);
  }
  return perRequest;
}
