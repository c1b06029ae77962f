import type { CheckContext, Exchange } from '../check.js';
import { certificateTemplates, type ImportFile } from '../fixtures/thoughtIndustriesFixtures.js';
import { arrayAt, numberAt, objectAt, stringAt } from './expectations.js';
import {
  followBackgroundJob,
  importAsset,
  jobIdOf,
  op,
  payload,
  payloadPointer,
  realWebinarImport,
  recordsOf,
  sharedAssets,
  templatesDryRun,
  uploadFiles,
  type ImportOperation,
  type RecordCollection,
} from './thoughtIndustriesSteps.js';

/** The longer Thought Industries behaviour checks, each a rule a client relies on. */

/** Dry runs of all three bulk calls; once their jobs have ended, none of this run's rows or templates may be stored. */
export async function dryRunsPersistNothing(context: CheckContext): Promise<void> {
  // Files of their own, so that this check never sees what another check imported for real.
  const tag = `${context.runTag}-dry`;
  const assets = await uploadFiles(context, tag);
  const jobs: Array<{ operationId: string; id: string }> = [];
  for (const [operationId, path] of [
    [op.webinars, assets.webinar],
    [op.inPerson, assets.inPerson],
  ] as Array<[ImportOperation, string]>) {
    const answer = await importAsset(context, operationId, path, true);
    const result = payload(answer);
    if (result?.dryRun !== true) {
      context.problem({
        operationId,
        pointer: payloadPointer(operationId, 'dryRun'),
        value: result?.dryRun,
        message: `${operationId}: a dry run answered dryRun ${String(result?.dryRun)}, expected true`,
      });
    }
    expectDryRunJobComplete(context, answer.entry.operationId, result);
    jobs.push({ operationId, id: jobIdOf(context, answer) });
  }
  const templates = await templatesDryRun(context, tag);
  expectDryRunJobComplete(context, op.templates, payload(templates));
  jobs.push({ operationId: op.templates, id: jobIdOf(context, templates) });

  // A dry run that secretly imports would write when its job ends: let every job end first.
  for (const job of jobs) await followBackgroundJob(context, job.id);

  const files = assets.files!;
  const titles = new Set(certificateTemplates(tag).map((t) => t.title));
  const stored: Array<[RecordCollection, string, (fields: Record<string, unknown>) => boolean]> = [
    ['webinars', op.webinars, (f) => files.webinar.externalIds.includes(String(f.externalId))],
    ['inPersonEvents', op.inPerson, (f) => files.inPerson.externalIds.includes(String(f.externalId))],
    ['certificateTemplates', op.templates, (f) => titles.has(String(f.title))],
  ];
  for (const [collection, operationId, belongs] of stored) {
    const found = await recordsOf(context, collection, belongs);
    if (found.length > 0) {
      context.problem({
        operationId,
        pointer: '/items',
        value: found.map((r) => objectAt(r, 'fields')?.externalId ?? objectAt(r, 'fields')?.title),
        message: `${operationId}: a dry run persisted ${found.length} record(s): ${op.records} lists them in ${collection} (sourceJobId ${stringAt(found[0], 'sourceJobId') ?? 'null'})`,
      });
    }
  }
}

/** The spec: "A job of a dry run is already complete in the answer of the bulk call." */
function expectDryRunJobComplete(
  context: CheckContext,
  operationId: string,
  result: Record<string, unknown> | undefined,
): void {
  const status = stringAt(result, 'backgroundJob', 'status');
  if (status !== 'complete') {
    context.problem({
      operationId,
      pointer: payloadPointer(operationId, 'backgroundJob', 'status'),
      value: status,
      message: `${operationId}: the job of a dry run must already be complete in the answer`,
    });
  }
}

/** validRows and invalidRows together hold rows 1..n once each, in order, and the rows known to be bad are the invalid ones. */
export function checkRowReport(context: CheckContext, answer: Exchange, file: ImportFile): void {
  const operationId = answer.entry.operationId;
  const result = payload(answer);
  const rowsOf = (list: string) => arrayAt(result, list).map((r) => numberAt(r, 'row') ?? NaN);
  const valid = rowsOf('validRows');
  const invalid = rowsOf('invalidRows');
  const expectedInvalid = file.invalid.map((i) => i.row);
  const expectedValid = file.externalIds.map((_, i) => i + 1).filter((row) => !expectedInvalid.includes(row));
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  if (!same(valid, expectedValid)) {
    context.problem({
      operationId,
      pointer: payloadPointer(operationId, 'validRows'),
      value: valid,
      message: `${operationId}: validRows must list rows ${expectedValid.join(', ')} of the ${file.externalIds.length}-row file, in order`,
    });
  }
  if (!same(invalid, expectedInvalid)) {
    context.problem({
      operationId,
      pointer: payloadPointer(operationId, 'invalidRows'),
      value: invalid,
      message: `${operationId}: invalidRows must list rows ${expectedInvalid.join(', ')}, in order`,
    });
  }
  arrayAt(result, 'validRows').forEach((row, i) => {
    const number = numberAt(row, 'row') ?? 0;
    const externalId = stringAt(row, 'values', 'externalId');
    if (externalId !== file.externalIds[number - 1]) {
      context.problem({
        operationId,
        pointer: payloadPointer(operationId, 'validRows', i, 'values', 'externalId'),
        value: externalId,
        message: `${operationId}: validRows[${i}] is row ${number}, whose externalId is ${file.externalIds[number - 1]}`,
      });
    }
  });
  for (const { row, field } of file.invalid) {
    const index = invalid.indexOf(row);
    const fields = arrayAt(result, 'invalidRows', index, 'errors').map((e) => stringAt(e, 'field'));
    if (index >= 0 && !fields.includes(field)) {
      context.problem({
        operationId,
        pointer: payloadPointer(operationId, 'invalidRows', index, 'errors'),
        value: fields,
        message: `${operationId}: row ${row} must be reported with an error on ${field}`,
      });
    }
  }
}

export async function importStoresValidRows(context: CheckContext): Promise<void> {
  const { files } = await sharedAssets(context);
  const { answer, jobId, final } = await realWebinarImport(context);
  if (!final)
    context.fail({
      operationId: op.job,
      message: `${op.job}: job ${jobId} did not finish, so nothing can be read back`,
    });
  if (final.status !== 'complete')
    context.fail({
      operationId: op.job,
      pointer: payloadPointer(op.job, 'status'),
      value: final.status,
      message: `${op.job}: the import job ${jobId} ended ${final.status}, expected complete`,
    });
  const file = files!.webinar;
  const validIds = arrayAt(payload(answer), 'validRows').map((r) => stringAt(r, 'values', 'externalId'));
  const stored = await recordsOf(context, 'webinars', (f) => file.externalIds.includes(String(f.externalId)));
  const storedIds = stored.map((r) => String(objectAt(r, 'fields')?.externalId));
  for (const id of validIds) {
    const count = storedIds.filter((s) => s === id).length;
    if (count !== 1)
      context.problem({
        operationId: op.records,
        pointer: '/items',
        value: storedIds,
        message: `${op.records}: the valid row ${id} of job ${jobId} is stored ${count} times, expected once`,
      });
  }
  for (const id of storedIds.filter((s) => !validIds.includes(s))) {
    context.problem({
      operationId: op.records,
      pointer: '/items',
      value: id,
      message: `${op.records}: ${id} was stored although the import reported it invalid`,
    });
  }
  for (const record of stored.filter((r) => stringAt(r, 'sourceJobId') !== jobId)) {
    context.problem({
      operationId: op.records,
      pointer: '/items',
      value: stringAt(record, 'sourceJobId'),
      message: `${op.records}: ${String(objectAt(record, 'fields')?.externalId)} names sourceJobId ${String(stringAt(record, 'sourceJobId'))}, expected the import job ${jobId}`,
    });
  }
}

export async function certificateTemplateCounts(context: CheckContext): Promise<void> {
  const answer = await templatesDryRun(context, context.runTag);
  const result = payload(answer);
  const sent = certificateTemplates(context.runTag).length;
  const at = (...keys: string[]) => payloadPointer(op.templates, ...keys);
  const createdIds = arrayAt(result, 'createdIds');
  const updatedIds = arrayAt(result, 'updatedIds');
  const errors = arrayAt(result, 'errors');
  const createdCount = numberAt(result, 'createdCount');
  const updatedCount = numberAt(result, 'updatedCount');
  if (createdCount !== createdIds.length)
    context.problem({
      operationId: op.templates,
      pointer: at('createdCount'),
      value: createdCount,
      message: `${op.templates}: createdCount must equal the ${createdIds.length} createdIds`,
    });
  if (updatedCount !== updatedIds.length)
    context.problem({
      operationId: op.templates,
      pointer: at('updatedCount'),
      value: updatedCount,
      message: `${op.templates}: updatedCount must equal the ${updatedIds.length} updatedIds`,
    });
  const accounted = createdIds.length + updatedIds.length + errors.length;
  if (accounted !== sent) {
    context.problem({
      operationId: op.templates,
      pointer: at(),
      value: { createdIds: createdIds.length, updatedIds: updatedIds.length, errors: errors.length },
      message: `${op.templates}: ${sent} templates were sent but ${accounted} are accounted for in createdIds, updatedIds and errors`,
    });
  }
  const invalidTitle = certificateTemplates(context.runTag)[2]!.title;
  if (!errors.some((e) => stringAt(e, 'title') === invalidTitle)) {
    context.problem({
      operationId: op.templates,
      pointer: at('errors'),
      value: errors.map((e) => stringAt(e, 'title')),
      message: `${op.templates}: the template with expirationDays 0 must be reported in errors`,
    });
  }
}
