import type { components } from '../../../../openapi/generated/stackone-lms.js';
import type { Connection } from './connection.js';
import { credentials, failJobHeader } from './credentials.js';
import { requestJson } from './http.js';

type Schemas = components['schemas'];
export type Course = Schemas['Course'];
export type Content = Schemas['Content'];

/** The StackOne record families this screen imports; each has `/batch` and a paged list at its path. */
export type StackOneFamily = 'courses' | 'content';

export interface AcceptedBatch {
  /**
   * One list of messages per item, in item order; empty for an item that was taken. null when the
   * answer has none: StackOne's models make the field optional and nullable.
   */
  errors: string[][] | null;
  /** bulkmock's job for the batch (`x-bulkmock-job-id`): StackOne itself offers no way to follow a batch. */
  jobId: string | null;
}

/** `POST /unified/lms/<family>/batch`. */
export async function batchUpsert(
  connection: Connection,
  family: StackOneFamily,
  body: unknown,
  failJob: string | null,
): Promise<AcceptedBatch> {
  const answer = await requestJson<Schemas['BatchResult']>(connection, `/unified/lms/${family}/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentials.stackOne, ...failJobHeader(failJob) },
    body: JSON.stringify(body),
  });
  return { errors: answer.body.errors ?? null, jobId: answer.headers.get('x-bulkmock-job-id') };
}

/** Every course or content item of the demo account, following the `next` cursor. */
export async function listAll(connection: Connection, family: StackOneFamily): Promise<Array<Course | Content>> {
  const records: Array<Course | Content> = [];
  let next: string | null = null;
  do {
    const query: string = next === null ? '' : `&next=${encodeURIComponent(next)}`;
    type Page = Schemas['CoursesPaginated'] | Schemas['ContentPaginated'];
    const page: Page = (
      await requestJson<Page>(connection, `/unified/lms/${family}?page_size=1000${query}`, {
        headers: credentials.stackOne,
      })
    ).body;
    records.push(...page.data);
    next = page.next;
  } while (next !== null);
  return records;
}
