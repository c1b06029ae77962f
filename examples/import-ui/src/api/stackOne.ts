import type { components } from '../../../../openapi/generated/stackone-lms.js';
import type { Connection } from './connection.js';
import { credentials, failJobHeader } from './credentials.js';
import { requestJson } from './http.js';

type Schemas = components['schemas'];
export type Course = Schemas['Course'];

export interface AcceptedBatch {
  /**
   * One list of messages per item, in item order; empty for an item that was taken. null when the
   * answer has none: StackOne's models make the field optional and nullable.
   */
  errors: string[][] | null;
  /** bulkmock's job for the batch (`x-bulkmock-job-id`): StackOne itself offers no way to follow a batch. */
  jobId: string | null;
}

export async function batchUpsertCourses(
  connection: Connection,
  body: unknown,
  failJob: string | null,
): Promise<AcceptedBatch> {
  const answer = await requestJson<Schemas['BatchResult']>(connection, '/unified/lms/courses/batch', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentials.stackOne, ...failJobHeader(failJob) },
    body: JSON.stringify(body),
  });
  return { errors: answer.body.errors ?? null, jobId: answer.headers.get('x-bulkmock-job-id') };
}

/** Every course of the demo account, following the `next` cursor. */
export async function listCourses(connection: Connection): Promise<Course[]> {
  const courses: Course[] = [];
  let next: string | null = null;
  do {
    const query: string = next === null ? '' : `&next=${encodeURIComponent(next)}`;
    const page: Schemas['CoursesPaginated'] = (
      await requestJson<Schemas['CoursesPaginated']>(connection, `/unified/lms/courses?page_size=1000${query}`, {
        headers: credentials.stackOne,
      })
    ).body;
    courses.push(...page.data);
    next = page.next;
  } while (next !== null);
  return courses;
}
