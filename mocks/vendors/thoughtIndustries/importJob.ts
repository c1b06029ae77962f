import { admitWrite, retryLater } from '../../core/memoryAdmission.js';
import { entryOverheadBytes, estimateFieldsBytes } from '../../core/memoryBudget.js';
import type { MockResponse } from '../../core/mockResponse.js';
import { isRejection, validateRequestBody } from '../../spec/requestValidation.js';
import { describeSchemaErrors } from '../../spec/schemaValidators.js';
import { planJob, type JobTiming } from '../../jobs/jobLifecycle.js';
import type { JobView } from '../../jobs/jobStore.js';
import { rowRulesOf } from '../../spec/specSchemas.js';
import type { AssetReport } from './assetImport.js';
import { importUpserts, type RecordCollection } from './importedRecords.js';
import { readBody, type ThoughtIndustriesCall } from './thoughtIndustriesState.js';

/** One file import of the family: the row schema it reads, the collection it writes, how its job is named. */
export interface RowImport {
  rowSchema: string;
  collection: RecordCollection;
  jobType: string;
  /** What a row is, in the plural, for job descriptions ("course group webinars"). */
  noun: string;
}

export const instant: JobTiming = { mode: 'instant', baseDelayMs: 0, perRowMs: 0 };

/**
 * The body of an import request checked against the operation's request schema, or the answer that
 * refuses it: 400 `invalid_request` saying `expected`, with one detail per problem (field, pointer).
 */
export async function readImportRequest(
  call: ThoughtIndustriesCall,
  expected: string,
): Promise<{ body: Record<string, unknown> } | { refusal: MockResponse }> {
  const body = await readBody(call);
  if (isRejection(body)) return { refusal: call.reject(body) };
  const problems = describeSchemaErrors(validateRequestBody(call, body));
  if (problems.length === 0) return { body };
  const refusal = call.error(
    400,
    'invalid_request',
    `the body must be ${expected}`,
    problems.map((p) => ({ message: p.message, pointer: p.pointer, ...(p.field && { field: p.field }) })),
  );
  return { refusal };
}

/** At most this many invalid rows are named in a summary; the rest are counted. */
const namedInvalidRows = 5;

/** A report in one line, for a job's description: the counts, and the first invalid rows with why. */
export function reportSummary({ validRows, invalidRows }: AssetReport): string {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const counts = `${plural(validRows.length, 'valid row')}, ${plural(invalidRows.length, 'invalid row')} skipped`;
  if (invalidRows.length === 0) return counts;
  const named = invalidRows
    .slice(0, namedInvalidRows)
    .map(({ row, errors }) => `row ${row}: ${errors.map((e) => e.message).join('; ')}`);
  const more = invalidRows.length > namedInvalidRows ? `; and ${invalidRows.length - namedInvalidRows} more` : '';
  return `${counts} (${named.join('; ')}${more})`;
}

const keyFields = new Map<string, string>();

/** The field of the row schema's `unique` rule: the key a stored record is matched by. */
function keyFieldOf(rowSchema: string): string {
  let field = keyFields.get(rowSchema);
  if (field === undefined) {
    const rule = rowRulesOf('thought-industries', rowSchema).find((r) => r.rule === 'unique');
    if (!rule) throw new Error(`${rowSchema} has no unique rule in x-bulkmock-rules: imported rows need a key`);
    keyFields.set(rowSchema, (field = rule.field));
  }
  return field;
}

interface JobStart {
  operationId: string;
  config: RowImport;
  dryRun: boolean;
  description: string;
  details: Record<string, unknown>;
  /** Estimated bytes of what `details` keeps for the job's life (a row report), charged to --max-memory. */
  retainedBytes?: number;
}

/**
 * Starts the job of a checked file. A real import upserts the valid rows when its job completes
 * (ids drawn now, in row order); a dry run's job is complete at once and writes nothing. Returns the
 * job, or the 503 answer when the memory budget cannot take the rows.
 */
export function startImportJob(
  call: ThoughtIndustriesCall,
  start: JobStart & { report: AssetReport },
): JobView | MockResponse {
  const { state } = call;
  const { config, report, dryRun } = start;
  const rows = report.validRows.length;
  // The job's id is drawn first, as in every bulk operation, so that a preload can choose it.
  const jobId = state.ids.uuid();
  let payloadBytes = 0;
  const retainedBytes = start.retainedBytes ?? 0;
  if (!dryRun) for (const { values } of report.validRows) payloadBytes += estimateFieldsBytes(values);
  // A dry run stores nothing, unless its job keeps a report.
  if (!dryRun || retainedBytes > 0) {
    const full = admitWrite(state, payloadBytes + retainedBytes, call.now);
    if (full) return retryLater(call.error(503, 'service_unavailable', full));
  }
  const effects = dryRun
    ? null
    : importUpserts(
        config.collection,
        keyFieldOf(config.rowSchema),
        report.validRows.map((row) => row.values),
        () => state.ids.uuid(),
      );
  state.jobs.add(
    {
      id: jobId,
      vendor: 'thought-industries',
      operationId: start.operationId,
      type: config.jobType,
      description: start.description,
      dryRun,
      plan: planJob({
        createdAt: call.now,
        rows,
        timing: dryRun ? instant : state.settings.timing,
        failure: dryRun ? null : call.failJob,
      }),
      details: start.details,
      payloadBytes,
      ...(retainedBytes > 0 && { retainedBytes }),
    },
    effects,
    call.now,
  );
  return state.jobs.get(jobId, call.now)!;
}

/**
 * Starts a job that fails before it reads a row, with `message`: the platform fetches the file in
 * the background, so a file it cannot read is the job's failure, not the request's. It follows the
 * timing (queued first) unless it is a dry run, whose job has ended in the answer.
 */
export function startFailedJob(call: ThoughtIndustriesCall, start: JobStart & { message: string }): JobView {
  const { state } = call;
  const jobId = state.ids.uuid();
  state.jobs.add(
    {
      id: jobId,
      vendor: 'thought-industries',
      operationId: start.operationId,
      type: start.config.jobType,
      description: start.description,
      dryRun: start.dryRun,
      plan: planJob({
        createdAt: call.now,
        rows: 0,
        timing: start.dryRun ? instant : state.settings.timing,
        failure: { message: start.message, atFraction: 0 },
      }),
      details: start.details,
    },
    null,
    call.now,
  );
  return state.jobs.get(jobId, call.now)!;
}

/** Tells the 503 answer of `startImportJob` from the job it started. */
export const isResponse = (started: JobView | MockResponse): started is MockResponse => !('plan' in started);

/** A row report's estimated size, for a job that keeps its report for as long as it is kept (`retainedBytes`). */
export function rowReportBytes(rows: AssetReport['invalidRows']): number {
  let bytes = 0;
  for (const { values, errors } of rows) {
    bytes += estimateFieldsBytes(values);
    for (const error of errors)
      bytes += 3 * entryOverheadBytes.field + (error.field?.length ?? 0) + error.code.length + error.message.length;
  }
  return bytes;
}
