import { defaultSettings } from '../../mocks/core/mockSettings.js';
import type { components } from '../../openapi/generated/thought-industries.js';
import { streamSeed } from '../random/seedStreams.js';
import { readRowSchema } from '../schema/rowSchema.js';
import type { KindDefinition } from './kindDefinition.js';
import { batchTag, rowKey } from './rowKeys.js';
import { tiWebinar } from './tiWebinar.js';
import { uniqueKeyOf } from './uniqueKey.js';

export type SessionWebinarImportRow = components['schemas']['SessionWebinarImportRow'];

const row = readRowSchema('thought-industries', 'SessionWebinarImportRow');
/** Each course group webinar runs this many sessions. */
const sessionsPerGroup = 4;

/**
 * Sessions of course group webinars: a webinar row (drawn from a stream of its own) without the
 * course group's slug, keyed `SES-…`, and naming in `courseGroupExternalId` a webinar that
 * `ti-webinar` writes with the same seed, four sessions to a webinar.
 */
export const tiSessionWebinar: KindDefinition<SessionWebinarImportRow> = {
  name: 'ti-session-webinar',
  summary: 'Thought Industries webinar sessions (rows of a SessionWebinarImportRow CSV asset)',
  row,
  defaultFormat: 'csv',
  envelope: null,
  key: uniqueKeyOf(row),
  batchSize: defaultSettings.maxRowsPerImport,
  createRows(seed) {
    const webinars = tiWebinar.createRows(streamSeed(seed, 'rows:ti-session-webinar'));
    const tag = batchTag(seed);
    return (index) => {
      const webinar = webinars(index);
      // Field by field in the spec's column order, optional fields only when present.
      const session: Partial<SessionWebinarImportRow> = {};
      session.externalId = rowKey('SES', tag, index);
      session.courseGroupExternalId = rowKey('WEB', tag, Math.floor(index / sessionsPerGroup));
      session.title = webinar.title;
      if (webinar.description !== undefined) session.description = webinar.description;
      session.startDate = webinar.startDate;
      session.endDate = webinar.endDate;
      session.timeZone = webinar.timeZone;
      if (webinar.instructorName !== undefined) session.instructorName = webinar.instructorName;
      if (webinar.instructorEmail !== undefined) session.instructorEmail = webinar.instructorEmail;
      session.meetingUrl = webinar.meetingUrl;
      if (webinar.capacity !== undefined) session.capacity = webinar.capacity;
      if (webinar.language !== undefined) session.language = webinar.language;
      return session as SessionWebinarImportRow;
    };
  },
};
