import { defineRecordFamily } from './unifiedRecords.js';

/** StackOne's courses: `LmsUpsertCourseRequest` items, charged to the `courses` memory kind. */
export const courses = defineRecordFamily({
  collection: 'stackone.courses',
  settings: { memory: 'courses', estimate: 'json' },
  itemSchema: 'LmsUpsertCourseRequest',
  noun: 'course',
  plural: 'courses',
  jobType: 'lms_batch_upsert_course',
  upsertedMessage: 'Course upserted',
});
