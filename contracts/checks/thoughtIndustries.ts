import { randomUUID } from 'node:crypto';
import type { CheckDefinition } from '../check.js';
import { extensionOperation, designedRule } from '../specFacts.js';
import { expectClientError, expectStatus, requireStatus } from './expectations.js';
import {
  certificateTemplateCounts,
  checkRowReport,
  dryRunsPersistNothing,
  importStoresValidRows,
} from './thoughtIndustriesBehaviour.js';
import { thoughtIndustriesSiblingChecks } from './thoughtIndustriesSiblings.js';
import {
  inPersonDryRun,
  jobIdOf,
  needsAsset,
  op,
  payload,
  payloadPointer,
  realWebinarImport,
  sharedAssets,
  spec,
  templatesDryRun,
  webinarDryRun,
} from './thoughtIndustriesSteps.js';

const upload = extensionOperation(spec, op.upload);
const records = extensionOperation(spec, op.records);
/** The certificate template endpoint does not document a dry run: on anything but bulkmock, treat one as a write. */
const templatesWrite = (target: { kind: string }) => target.kind !== 'bulkmock';

/** The Thought Industries suite, in the order it runs. */
export const thoughtIndustriesChecks: CheckDefinition[] = [
  {
    id: 'schema.ping',
    name: 'ping answers PingResult',
    kind: 'schema',
    async run(context) {
      requireStatus(context, await context.call({ operationId: op.ping }), [200], 'a ping with a valid key');
    },
  },
  {
    id: 'schema.asset-upload',
    name: 'an asset upload answers AssetUploadResult',
    kind: 'schema',
    needs: [upload],
    async run(context) {
      await sharedAssets(context);
    },
  },
  {
    id: 'schema.webinar-dry-run',
    name: 'a webinar import dry run answers CourseGroupWebinarImportResponse',
    kind: 'schema',
    unavailable: needsAsset('webinar'),
    async run(context) {
      await webinarDryRun(context);
    },
  },
  {
    id: 'schema.in-person-dry-run',
    name: 'an in-person event import dry run answers InPersonEventImportResponse',
    kind: 'schema',
    unavailable: needsAsset('inPerson'),
    async run(context) {
      await inPersonDryRun(context);
    },
  },
  {
    id: 'schema.certificate-templates-dry-run',
    name: 'a certificate template dry run answers CertificateTemplatesBulkResponse',
    kind: 'schema',
    writes: templatesWrite,
    async run(context) {
      await templatesDryRun(context, context.runTag, true);
    },
  },
  {
    id: 'schema.background-job',
    name: 'a background job answers BackgroundJobResponse',
    kind: 'schema',
    unavailable: needsAsset('webinar'),
    async run(context) {
      const id = jobIdOf(context, await webinarDryRun(context));
      requireStatus(
        context,
        await context.call({ operationId: op.job, pathParams: { id } }),
        [200],
        `reading the job ${id} of a dry run`,
      );
    },
  },
  {
    id: 'schema.records',
    name: 'the record read-back answers ImportedRecordList',
    kind: 'schema',
    needs: [records],
    async run(context) {
      requireStatus(
        context,
        await context.call({ operationId: op.records, pathParams: { collection: 'webinars' }, query: { limit: '5' } }),
        [200],
        'listing webinars',
      );
    },
  },
  {
    id: 'behaviour.dry-run-persists-nothing',
    name: 'a dry run persists nothing',
    kind: 'behaviour',
    needs: [upload, records],
    run: dryRunsPersistNothing,
  },
  {
    id: 'behaviour.import-report-rows',
    name: 'an import report lists every row of the file once, as valid or invalid',
    kind: 'behaviour',
    needs: [upload],
    ...designedRule(spec, ['components', 'schemas', 'ValidImportRow']),
    async run(context) {
      const { files } = await sharedAssets(context);
      checkRowReport(context, await webinarDryRun(context), files!.webinar);
      checkRowReport(context, await inPersonDryRun(context), files!.inPerson);
    },
  },
  {
    id: 'behaviour.job-lifecycle',
    name: 'job states only move forward and reach a terminal state',
    kind: 'behaviour',
    writes: true,
    ...designedRule(spec, ['components', 'schemas', 'BackgroundJobStatus']),
    unavailable: needsAsset('webinar'),
    async run(context) {
      // followJob, inside the shared import, checks every move the job makes.
      const { answer } = await realWebinarImport(context);
      const result = payload(answer);
      if (result?.dryRun !== false) {
        context.problem({
          operationId: op.webinars,
          pointer: payloadPointer(op.webinars, 'dryRun'),
          value: result?.dryRun,
          message: `${op.webinars}: an import without dryRun answered dryRun ${String(result?.dryRun)}, expected false`,
        });
      }
    },
  },
  {
    id: 'behaviour.import-stores-valid-rows',
    name: 'a completed import stores exactly its valid rows',
    kind: 'behaviour',
    writes: true,
    needs: [upload, records],
    run: importStoresValidRows,
  },
  {
    id: 'behaviour.certificate-template-counts',
    name: 'certificate template counts agree with ids and errors',
    kind: 'behaviour',
    writes: templatesWrite,
    ...designedRule(spec, ['components', 'schemas', 'CertificateTemplatesBulkResult', 'properties', 'updatedIds']),
    run: certificateTemplateCounts,
  },
  {
    id: 'behaviour.rejected-credential',
    name: 'a missing or malformed API key gets 401 with an empty body',
    kind: 'behaviour',
    async run(context) {
      const wrongScheme = { authorization: `Basic ${Buffer.from('contract-suite:not-a-key').toString('base64')}` };
      for (const [what, auth] of [
        ['no Authorization header', 'none'],
        ['a Basic credential instead of a bearer key', wrongScheme],
      ] as const) {
        expectStatus(context, await context.call({ operationId: op.ping, auth }), [401], `a ping with ${what}`);
      }
    },
  },
  {
    id: 'behaviour.unknown-job',
    name: 'an unknown job id is a 404',
    kind: 'behaviour',
    ...designedRule(spec, ['components', 'responses', 'NotFound']),
    async run(context) {
      const id = randomUUID();
      expectStatus(
        context,
        await context.call({ operationId: op.job, pathParams: { id } }),
        [404],
        `reading the unknown job ${id}`,
      );
    },
  },
  {
    id: 'behaviour.malformed-body',
    name: 'a malformed body is a 4xx, never a 5xx',
    kind: 'behaviour',
    async run(context) {
      const truncated = {
        text: '{"bulkImportAssetPath": "contract-suite/none.csv", "dryRun": tru',
        contentType: 'application/json',
      };
      expectClientError(
        context,
        await context.call({ operationId: op.webinars, ...truncated }),
        'a truncated JSON body',
      );
      expectClientError(
        context,
        await context.call({ operationId: op.webinars, json: { bulkImportAssetPath: 42, dryRun: true } }),
        'bulkImportAssetPath sent as a number',
      );
      expectClientError(
        context,
        await context.call({ operationId: op.templates, text: '{"templates": [', contentType: 'application/json' }),
        'a truncated JSON body',
      );
    },
  },
  ...thoughtIndustriesSiblingChecks,
];
