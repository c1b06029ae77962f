import type { CheckContext, CheckDefinition } from '../check.js';
import { designedRule, extensionOperation } from '../specFacts.js';
import { expectStatus, objectAt, requireStatus, stringAt } from './expectations.js';
import { checkRowReport } from './thoughtIndustriesBehaviour.js';
import {
  examplePaths,
  sharedSiblingFiles,
  siblingImport,
  siblingJobId,
  siblingOp,
  uploadSiblingFiles,
  type SiblingFile,
} from './thoughtIndustriesSiblingSteps.js';
import { followBackgroundJob, op, payload, payloadPointer, recordsOf, spec } from './thoughtIndustriesSteps.js';

const upload = extensionOperation(spec, op.upload);
const records = extensionOperation(spec, op.records);

/** A schema check of one sibling's dry run: this run's file on bulkmock, the spec's example path on Prism. */
function dryRunSchemaCheck(id: string, operationId: string, name: string): CheckDefinition {
  return {
    id,
    name,
    kind: 'schema',
    unavailable: (context) =>
      context.target.kind === 'vendor' ? `needs bulkmock extension: ${op.upload} (an import file it can read)` : null,
    async run(context) {
      const source = context.target.extensions
        ? (await sharedSiblingFiles(context)).find((f) => f.operationId === operationId)!.source
        : examplePaths[operationId]!;
      await siblingImport(context, operationId, source, true);
    },
  };
}

/** Reads a finished job's errorMessage. */
async function jobErrorMessage(context: CheckContext, id: string): Promise<string | undefined> {
  const answer = await context.call({ operationId: op.job, pathParams: { id } });
  requireStatus(context, answer, [200], `reading job ${id}`);
  return stringAt(payload(answer), 'errorMessage');
}

const belongsTo = (file: SiblingFile) => (fields: Record<string, unknown>) =>
  file.file.externalIds.includes(String(fields[file.key]));

/** The sibling imports of issue 16: session webinars, course group in-person events, users. */
export const thoughtIndustriesSiblingChecks: CheckDefinition[] = [
  dryRunSchemaCheck(
    'schema.session-webinar-dry-run',
    siblingOp.sessions,
    'a session webinar import dry run answers SessionWebinarImportResponse',
  ),
  dryRunSchemaCheck(
    'schema.course-group-in-person-dry-run',
    siblingOp.courseGroups,
    'a course group in-person event import dry run answers CourseGroupInPersonEventImportResponse',
  ),
  dryRunSchemaCheck('schema.users-dry-run', siblingOp.users, 'a users import dry run answers UsersBulkImportResponse'),
  {
    id: 'behaviour.sibling-report-rows',
    name: 'a sibling import report lists every row of the file once, as valid or invalid',
    kind: 'behaviour',
    needs: [upload],
    ...designedRule(spec, ['components', 'schemas', 'ValidImportRow']),
    async run(context) {
      for (const sibling of (await sharedSiblingFiles(context)).filter((f) => f.operationId !== siblingOp.users))
        checkRowReport(context, await siblingImport(context, sibling.operationId, sibling.source, true), sibling.file);
    },
  },
  {
    id: 'behaviour.sibling-dry-runs-persist-nothing',
    name: 'a dry run of a sibling import or of the users import persists nothing',
    kind: 'behaviour',
    needs: [upload, records],
    async run(context) {
      // Files of their own, so that this check never sees what another check imported for real.
      const files = await uploadSiblingFiles(context, `${context.runTag}-sdry`);
      const jobs: string[] = [];
      for (const sibling of files)
        jobs.push(siblingJobId(context, await siblingImport(context, sibling.operationId, sibling.source, true)));
      // A dry run that secretly imports would write when its job ends: let every job end first.
      for (const id of jobs) await followBackgroundJob(context, id);
      for (const sibling of files) {
        const found = await recordsOf(context, sibling.collection, belongsTo(sibling));
        if (found.length > 0)
          context.problem({
            operationId: sibling.operationId,
            pointer: '/items',
            value: found.map((r) => objectAt(r, 'fields')?.[sibling.key]),
            message: `${sibling.operationId}: a dry run persisted ${found.length} record(s): ${op.records} lists them in ${sibling.collection}`,
          });
      }
    },
  },
  {
    id: 'behaviour.sibling-imports-store-valid-rows',
    name: 'a completed sibling or users import stores exactly its valid rows',
    kind: 'behaviour',
    writes: true,
    needs: [upload, records],
    async run(context) {
      for (const sibling of await sharedSiblingFiles(context)) {
        const { operationId, file, collection, key } = sibling;
        const jobId = siblingJobId(context, await siblingImport(context, operationId, sibling.source, false));
        const final = await followBackgroundJob(context, jobId);
        if (final?.status !== 'complete')
          context.fail({
            operationId: op.job,
            pointer: payloadPointer(op.job, 'status'),
            value: final?.status,
            message: `${op.job}: the ${operationId} job ${jobId} ended ${String(final?.status)}, expected complete`,
          });
        const valid = file.externalIds.filter((_, i) => !file.invalid.some((bad) => bad.row === i + 1));
        const stored = await recordsOf(context, collection, belongsTo(sibling));
        const storedKeys = stored.map((r) => String(objectAt(r, 'fields')?.[key])).sort();
        if (storedKeys.join('\n') !== [...valid].sort().join('\n'))
          context.problem({
            operationId: op.records,
            pointer: '/items',
            value: storedKeys,
            message: `${op.records}: after ${operationId} job ${jobId}, ${collection} must hold exactly the valid rows ${valid.join(', ')}`,
          });
        for (const record of stored.filter((r) => stringAt(r, 'sourceJobId') !== jobId))
          context.problem({
            operationId: op.records,
            pointer: '/items',
            value: stringAt(record, 'sourceJobId'),
            message: `${op.records}: ${String(objectAt(record, 'fields')?.[key])} names sourceJobId ${String(stringAt(record, 'sourceJobId'))}, expected ${jobId}`,
          });
      }
    },
  },
  {
    id: 'behaviour.users-unresolvable-url',
    name: 'a users import whose url names no file is accepted and its job fails, naming the url',
    kind: 'behaviour',
    writes: true,
    ...designedRule(spec, ['paths', '/incoming/v2/users/bulkImport', 'post']),
    async run(context) {
      const url = `https://files.example.com/contract-suite/${context.runTag}/missing-users.csv`;
      const jobId = siblingJobId(context, await siblingImport(context, siblingOp.users, url, false));
      const final = await followBackgroundJob(context, jobId);
      const message = await jobErrorMessage(context, jobId);
      if (final?.status !== 'failed' || !message?.includes(url))
        context.problem({
          operationId: op.job,
          pointer: payloadPointer(op.job, 'errorMessage'),
          value: { status: final?.status, errorMessage: message },
          message: `${op.job}: the job of a users import of ${url} must end failed with an errorMessage naming the url`,
        });
    },
  },
  {
    id: 'behaviour.sibling-rejected-credential',
    name: 'the sibling and users imports answer 401 without an API key',
    kind: 'behaviour',
    async run(context) {
      for (const operationId of Object.values(siblingOp)) {
        const answer = await context.call({ operationId, auth: 'none', json: { bulkImportAssetPath: 'x.csv' } });
        expectStatus(context, answer, [401], `${operationId} without an Authorization header`);
        if (answer.text !== '')
          context.problem({
            operationId,
            value: answer.text.slice(0, 80),
            message: `${operationId}: a 401 must have an empty body`,
          });
      }
    },
  },
];
