import { fixtureText, generateStackOneCourses } from '../../generators/index.js';
import type { Vendor } from '../../mocks/spec/specRegistry.js';
import { expectStatus, type BenchRequest, type RequestTarget } from './benchRequest.js';

export type ScenarioId = 'ti-job-read' | 'stackone-batch' | 'ti-webinar-dry-run';

/** One request measured on every server: the bare ceiling, bulkmock serve and prism mock. */
export interface Scenario {
  id: ScenarioId;
  label: string;
  request: BenchRequest;
  /** What bulkmock and Prism answer (the spec's success status); the bare server always answers 200. */
  status: number;
  /** The Prism that serves the spec of this request. */
  prismVendor: Vendor;
  /** Whether the issue sets req/s and p99 targets on it (the dry run is measured for information). */
  hasTargets: boolean;
}

const tiAuth = { authorization: 'Bearer bench-ti-key' };
const stackOneAuth = {
  authorization: `Basic ${Buffer.from('bench-stackone-key:').toString('base64')}`,
  'x-account-id': 'bench-account',
};
const json = { 'content-type': 'application/json' };
const assetPath = 'bench/webinars-10.csv';

/** The request a cold start waits for: the cheapest Thought Industries call, on bulkmock and Prism alike. */
export const pingRequest: BenchRequest = { method: 'GET', path: '/incoming/v2/ping', headers: tiAuth };

/**
 * Builds the three requests, preparing bulkmock's state for them: the 10-row webinar asset is
 * uploaded, and its dry run's job is the job the job read reads. Rows come from the project's own
 * generators (seeded), so they are realistic and valid against the spec.
 */
export async function prepareScenarios(bulkmock: RequestTarget): Promise<Scenario[]> {
  const { text: csv } = await fixtureText({ kind: 'ti-webinar', count: 10, seed: 1 });
  await expectStatus(
    bulkmock,
    { method: 'PUT', path: `/__bulkmock/assets/${assetPath}`, headers: { 'content-type': 'text/csv' }, body: csv },
    201,
    'bulkmock',
  );

  const dryRun: BenchRequest = {
    method: 'POST',
    path: '/incoming/v2/content/courseGroup/webinar/bulk',
    headers: { ...tiAuth, ...json },
    body: JSON.stringify({ bulkImportAssetPath: assetPath, dryRun: true }),
  };
  const report = Object.values(
    (
      JSON.parse((await expectStatus(bulkmock, dryRun, 200, 'bulkmock')).text) as {
        data: Record<string, DryRunReport>;
      }
    ).data,
  )[0]!;
  if (report.validRows.length !== 10)
    throw new Error(
      `the 10-row webinar asset should be all valid; bulkmock found ${report.validRows.length} valid rows: ${JSON.stringify(report.invalidRows).slice(0, 400)}`,
    );

  const [course] = generateStackOneCourses({ count: 1, seed: 1 });
  return [
    {
      id: 'ti-job-read',
      label: 'TI job read',
      request: { method: 'GET', path: `/incoming/v2/jobs/${report.backgroundJob.id}`, headers: tiAuth },
      status: 200,
      prismVendor: 'thought-industries',
      hasTargets: true,
    },
    {
      id: 'stackone-batch',
      label: 'StackOne 1-item batch',
      request: {
        method: 'POST',
        path: '/unified/lms/courses/batch',
        headers: { ...stackOneAuth, ...json },
        body: JSON.stringify({ items: [course!.value] }),
      },
      status: 202,
      prismVendor: 'stackone',
      hasTargets: true,
    },
    {
      id: 'ti-webinar-dry-run',
      label: 'TI webinar dry run, 10 rows',
      request: dryRun,
      status: 200,
      prismVendor: 'thought-industries',
      hasTargets: true,
    },
  ];
}

interface DryRunReport {
  validRows: unknown[];
  invalidRows: unknown[];
  backgroundJob: { id: string };
}
