import type { components } from '../../../../openapi/generated/learning-builder.js';
import type { Connection } from './connection.js';
import { credentials, failJobHeader } from './credentials.js';
import { requestJson } from './http.js';

type Schemas = components['schemas'];
export type QueueBatchDetails = Schemas['QueueBatchDetails'];

/** The import process that receives the records; on a real instance it comes from the admin UI. */
const demoImportProcessId = '4182';

export async function createBatch(
  connection: Connection,
  jsonLines: string,
  options: { fileName: string; failJob: string | null },
): Promise<Schemas['CreateBatchResult']> {
  const query = new URLSearchParams({
    importProcessId: demoImportProcessId,
    fileName: options.fileName,
    creationPath: 'IMPORT_UI',
  });
  const answer = await requestJson<Schemas['CreateBatchResult']>(
    connection,
    `/API/WorkflowImportQueue/CreateBatch?${query}`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        ...credentials.learningBuilder,
        ...failJobHeader(options.failJob),
      },
      body: jsonLines,
    },
  );
  return answer.body;
}

/** Follows the `queueBatchDetails` link of a batch, asking for JSON rather than the HTML page. */
export async function getBatchDetails(connection: Connection, link: string): Promise<QueueBatchDetails> {
  return (await requestJson<QueueBatchDetails>(connection, link, { headers: { accept: 'application/json' } })).body;
}
