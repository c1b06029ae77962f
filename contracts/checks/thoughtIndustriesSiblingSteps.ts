import type { CheckContext, Exchange } from '../check.js';
import type { ImportFile } from '../fixtures/thoughtIndustriesFixtures.js';
import {
  courseGroupInPersonEventFile,
  sessionWebinarFile,
  usersFile,
} from '../fixtures/thoughtIndustriesSiblingFixtures.js';
import { requireStatus, stringAt } from './expectations.js';
import { op, payload, payloadPointer, type RecordCollection } from './thoughtIndustriesSteps.js';

/** The steps of the sibling checks: the session and course group file imports, and the users import by URL. */

export const siblingOp = {
  sessions: 'bulkImportSessionWebinars',
  courseGroups: 'bulkImportCourseGroupInPersonEvents',
  users: 'bulkImportUsers',
} as const;

export interface SiblingFile {
  operationId: string;
  collection: RecordCollection;
  /** The field a stored record is matched by (the row schema's unique rule). */
  key: 'externalId' | 'email';
  file: ImportFile;
  /** The asset path (file imports) or URL (users) that names the file on the target. */
  source: string;
}

/** Stores this run's three sibling files under `tag` through the upload extension. */
export async function uploadSiblingFiles(context: CheckContext, tag: string): Promise<SiblingFile[]> {
  const folder = `contract-suite/${tag}`;
  const files: Array<Omit<SiblingFile, 'source'> & { path: string }> = [
    {
      operationId: siblingOp.sessions,
      collection: 'sessionWebinars',
      key: 'externalId',
      file: sessionWebinarFile(tag),
      path: `${folder}/session-webinars.csv`,
    },
    {
      operationId: siblingOp.courseGroups,
      collection: 'courseGroupInPersonEvents',
      key: 'externalId',
      file: courseGroupInPersonEventFile(tag),
      path: `${folder}/course-group-in-person-events.csv`,
    },
    {
      operationId: siblingOp.users,
      collection: 'users',
      key: 'email',
      file: usersFile(tag),
      path: `${folder}/users.csv`,
    },
  ];
  for (const { path, file } of files) {
    const answer = await context.call({
      operationId: op.upload,
      pathParams: { assetPath: path },
      text: file.csv,
      contentType: 'text/csv',
    });
    requireStatus(context, answer, [201], `storing ${path}`);
  }
  // Any host: the mock reads a /__bulkmock/assets/ URL from its own store.
  return files.map(({ path, ...rest }) => ({
    ...rest,
    source: rest.operationId === siblingOp.users ? `http://bulkmock.local/__bulkmock/assets/${path}` : path,
  }));
}

export const sharedSiblingFiles = (context: CheckContext) =>
  context.memo('ti.siblingFiles', () => uploadSiblingFiles(context, context.runTag));

/** The example paths of the spec, for a target that keeps no files (Prism answers any path). */
export const examplePaths: Record<string, string> = {
  [siblingOp.sessions]: 'summer-webinar-sessions-2027.csv',
  [siblingOp.courseGroups]: 'autumn-classroom-series-2027.csv',
  [siblingOp.users]: 'https://files.northwind-learning.com/new-hires-2027.csv',
};

/** A dry run or an import of one sibling; the body is the operation's own (`bulkImportAssetPath` or `url`). */
export async function siblingImport(
  context: CheckContext,
  operationId: string,
  source: string,
  dryRun: boolean,
): Promise<Exchange> {
  const named = operationId === siblingOp.users ? { url: source } : { bulkImportAssetPath: source };
  const answer = await context.call({ operationId, json: dryRun ? { ...named, dryRun: true } : named });
  requireStatus(context, answer, [200], `${dryRun ? 'a dry run' : 'an import'} of ${source}`);
  return answer;
}

/** The job of a sibling answer: `backgroundJob.id`, or the users import's bare job `id`. */
export function siblingJobId(context: CheckContext, answer: Exchange): string {
  const operationId = answer.entry.operationId;
  const bare = operationId === siblingOp.users;
  const id = bare ? stringAt(payload(answer), 'id') : stringAt(payload(answer), 'backgroundJob', 'id');
  if (!id)
    context.fail({
      operationId,
      pointer: bare ? payloadPointer(operationId, 'id') : payloadPointer(operationId, 'backgroundJob', 'id'),
      message: `${operationId}: the answer names no background job id`,
    });
  return id;
}
