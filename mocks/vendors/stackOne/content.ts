import { defineRecordFamily } from './unifiedRecords.js';

/** StackOne's content items (videos, documents, quizzes...): `LmsUpsertContentRequest` items. */
export const content = defineRecordFamily({
  collection: 'stackone.content',
  settings: { memory: 'records', estimate: 'json' },
  itemSchema: 'LmsUpsertContentRequest',
  noun: 'content item',
  plural: 'content items',
  jobType: 'lms_batch_upsert_content',
  upsertedMessage: 'Content upserted',
});
