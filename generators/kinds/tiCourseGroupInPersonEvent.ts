import { defaultSettings } from '../../mocks/core/mockSettings.js';
import type { components } from '../../openapi/generated/thought-industries.js';
import { cities } from '../catalogue/cities.js';
import { slugify } from '../catalogue/textForms.js';
import { streamSeed } from '../random/seedStreams.js';
import { readRowSchema } from '../schema/rowSchema.js';
import type { KindDefinition } from './kindDefinition.js';
import { batchTag, rowKey } from './rowKeys.js';
import { tiInPersonEvent } from './tiInPersonEvent.js';
import { uniqueKeyOf } from './uniqueKey.js';

export type CourseGroupInPersonEventImportRow = components['schemas']['CourseGroupInPersonEventImportRow'];

const row = readRowSchema('thought-industries', 'CourseGroupInPersonEventImportRow');
const languageOfCity = new Map(cities.map((city) => [`${city.name}|${city.country}`, city.language]));

/**
 * Course groups of in-person events: an in-person event row (drawn from a stream of its own), keyed
 * `CGE-…`, with the course group's slug (from its title) and the language of the venue's city.
 */
export const tiCourseGroupInPersonEvent: KindDefinition<CourseGroupInPersonEventImportRow> = {
  name: 'ti-course-group-in-person-event',
  summary: 'Thought Industries course group in-person events (rows of a CourseGroupInPersonEventImportRow CSV asset)',
  row,
  defaultFormat: 'csv',
  envelope: null,
  key: uniqueKeyOf(row),
  batchSize: defaultSettings.maxRowsPerImport,
  createRows(seed) {
    const events = tiInPersonEvent.createRows(streamSeed(seed, 'rows:ti-course-group-in-person-event'));
    const tag = batchTag(seed);
    return (index) => {
      const event = events(index);
      const slug = slugify(event.title);
      const language = languageOfCity.get(`${event.city}|${event.country}`);
      // Field by field in the spec's column order, optional fields only when present.
      const group: Partial<CourseGroupInPersonEventImportRow> = {};
      group.externalId = rowKey('CGE', tag, index);
      group.title = event.title;
      if (slug !== '') group.slug = slug;
      for (const column of row.columns.slice(3)) {
        const value = (event as Record<string, unknown>)[column];
        if (value !== undefined) (group as Record<string, unknown>)[column] = value;
      }
      if (language !== undefined) group.language = language;
      return group as CourseGroupInPersonEventImportRow;
    };
  },
};
