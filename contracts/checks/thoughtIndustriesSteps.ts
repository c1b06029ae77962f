import type { CheckContext, Exchange } from '../check.js';
import {
  certificateTemplates,
  inPersonEventFile,
  webinarFile,
  type ImportFile,
} from '../fixtures/thoughtIndustriesFixtures.js';
import { followJob, type JobObservation } from '../jobPolling.js';
import { dataWrapperName } from '../../mocks/spec/specSchemas.js';
import { arrayAt, numberAt, objectAt, pointerOf, requireStatus, stringAt } from './expectations.js';

/** The steps the Thought Industries checks share: uploads, dry runs, a real import, job and record reads. */

export const spec = 'thought-industries';
export const op = {
  ping: 'ping',
  job: 'getBackgroundJob',
  webinars: 'bulkImportCourseGroupWebinars',
  inPerson: 'bulkImportInPersonEventSessions',
  templates: 'bulkCreateCertificateTemplates',
  upload: 'uploadImportAsset',
  records: 'listImportedRecords',
} as const;

export type ImportOperation = typeof op.webinars | typeof op.inPerson;

/** `data.<name>` of a Thought Industries answer, and the pointer to it. */
export function payload(exchange: Exchange): Record<string, unknown> | undefined {
  return objectAt(exchange.json, 'data', dataWrapperName(spec, exchange.entry.operationId));
}
export function payloadPointer(operationId: string, ...keys: Array<string | number>): string {
  return pointerOf('data', dataWrapperName(spec, operationId), ...keys);
}

export interface ImportAssets {
  webinar: string;
  inPerson: string;
  /** What the files hold, when the suite wrote them itself. */
  files?: { webinar: ImportFile; inPerson: ImportFile };
}

/** Stores an import file through the mock's upload extension. */
async function uploadAsset(context: CheckContext, assetPath: string, csv: string): Promise<void> {
  const answer = await context.call({
    operationId: op.upload,
    pathParams: { assetPath },
    text: csv,
    contentType: 'text/csv',
  });
  requireStatus(context, answer, [201], `storing ${assetPath}`);
}

/** Uploads this run's two import files under `tag` (bulkmock), or names the files the target already has. */
export async function uploadFiles(context: CheckContext, tag: string): Promise<ImportAssets> {
  if (context.target.extensions) {
    const files = { webinar: webinarFile(tag), inPerson: inPersonEventFile(tag) };
    const folder = `contract-suite/${tag}`;
    await uploadAsset(context, `${folder}/webinars.csv`, files.webinar.csv);
    await uploadAsset(context, `${folder}/in-person-events.csv`, files.inPerson.csv);
    return { webinar: `${folder}/webinars.csv`, inPerson: `${folder}/in-person-events.csv`, files };
  }
  // Prism keeps no files and answers any path; a real platform needs files it already holds.
  if (context.target.kind === 'prism')
    return { webinar: 'spring-webinars-2027.csv', inPerson: 'april-workshops-2027.csv' };
  return { webinar: context.options.webinarAssetPath ?? '', inPerson: context.options.inPersonAssetPath ?? '' };
}

export const sharedAssets = (context: CheckContext) =>
  context.memo('ti.assets', () => uploadFiles(context, context.runTag));

/** Why an import check cannot run: a real platform needs an asset it already stores. */
export function needsAsset(which: 'webinar' | 'inPerson') {
  return (context: CheckContext): string | null => {
    if (context.target.kind !== 'vendor') return null;
    const given = which === 'webinar' ? context.options.webinarAssetPath : context.options.inPersonAssetPath;
    const flag = which === 'webinar' ? '--webinar-asset' : '--in-person-asset';
    return given
      ? null
      : `needs bulkmock extension: ${op.upload} (or ${flag} naming an import file stored on the target)`;
  };
}

export async function importAsset(
  context: CheckContext,
  operationId: ImportOperation,
  assetPath: string,
  dryRun: boolean,
): Promise<Exchange> {
  const answer = await context.call({
    operationId,
    json: dryRun ? { bulkImportAssetPath: assetPath, dryRun: true } : { bulkImportAssetPath: assetPath },
  });
  requireStatus(context, answer, [200], `${dryRun ? 'a dry run' : 'an import'} of ${assetPath}`);
  return answer;
}

export const webinarDryRun = (context: CheckContext) =>
  context.memo('ti.webinarDryRun', async () =>
    importAsset(context, op.webinars, (await sharedAssets(context)).webinar, true),
  );
export const inPersonDryRun = (context: CheckContext) =>
  context.memo('ti.inPersonDryRun', async () =>
    importAsset(context, op.inPerson, (await sharedAssets(context)).inPerson, true),
  );

/** A dry run of this run's templates; `validOnly` leaves out the one that breaks the spec (a validating server such as Prism refuses it whole). */
export async function templatesDryRun(context: CheckContext, tag: string, validOnly = false): Promise<Exchange> {
  const templates = certificateTemplates(tag).filter((t) => !validOnly || t.expirationDays !== 0);
  const answer = await context.call({ operationId: op.templates, json: { templates, dryRun: true } });
  requireStatus(context, answer, [200], `a dry run of ${templates.length} certificate templates`);
  return answer;
}

/** The id of the background job in a bulk answer; ends the check when there is none. */
export function jobIdOf(context: CheckContext, exchange: Exchange): string {
  const id = stringAt(payload(exchange), 'backgroundJob', 'id');
  if (!id)
    context.fail({
      operationId: exchange.entry.operationId,
      pointer: payloadPointer(exchange.entry.operationId, 'backgroundJob', 'id'),
      message: `${exchange.entry.operationId}: the answer names no background job id`,
    });
  return id;
}

async function readJob(context: CheckContext, id: string): Promise<JobObservation> {
  const answer = await context.call({ operationId: op.job, pathParams: { id } });
  requireStatus(context, answer, [200], `reading job ${id}`);
  const job = objectAt(answer.json, 'data', dataWrapperName(spec, op.job));
  return {
    status: String(job?.status),
    processed: numberAt(job, 'progress', 'processed'),
    total: numberAt(job, 'progress', 'total'),
  };
}

export function followBackgroundJob(context: CheckContext, id: string): Promise<JobObservation | null> {
  return followJob(context, {
    label: `job ${id}`,
    operationId: op.job,
    pointer: payloadPointer(op.job, 'status'),
    read: () => readJob(context, id),
  });
}

/** A real (not dry) import of this run's webinar file, followed until its job ends. Shared by checks. */
export const realWebinarImport = (context: CheckContext) =>
  context.memo('ti.realImport', async () => {
    const answer = await importAsset(context, op.webinars, (await sharedAssets(context)).webinar, false);
    const jobId = jobIdOf(context, answer);
    return { answer, jobId, final: await followBackgroundJob(context, jobId) };
  });

export type RecordCollection =
  'webinars' | 'inPersonEvents' | 'certificateTemplates' | 'sessionWebinars' | 'courseGroupInPersonEvents' | 'users';

/**
 * The stored records of a collection that `belongs` picks out (this run's ids or titles). Records
 * are listed oldest first, so the newest page holds whatever this run wrote.
 */
export async function recordsOf(
  context: CheckContext,
  collection: RecordCollection,
  belongs: (fields: Record<string, unknown>) => boolean,
) {
  const first = await context.call({ operationId: op.records, pathParams: { collection }, query: { limit: '1' } });
  requireStatus(context, first, [200], `listing ${collection}`);
  const total = numberAt(first.json, 'total') ?? 0;
  const page = await context.call({
    operationId: op.records,
    pathParams: { collection },
    query: { limit: '1000', offset: String(Math.max(0, total - 1000)) },
  });
  requireStatus(context, page, [200], `listing ${collection}`);
  return arrayAt(page.json, 'items')
    .map((item) => objectAt(item) ?? {})
    .filter((item) => belongs(objectAt(item, 'fields') ?? {}));
}
