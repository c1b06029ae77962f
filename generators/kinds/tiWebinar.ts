import { defaultSettings } from '../../mocks/core/mockSettings.js';
import type { components } from '../../openapi/generated/thought-industries.js';
import { cities } from '../catalogue/cities.js';
import { composeTitles } from '../catalogue/courseTitles.js';
import { webinarFormats } from '../catalogue/learningTopics.js';
import { createPeoplePool, type Organisation } from '../catalogue/peoplePool.js';
import { chance, streamRandom } from '../random/seedStreams.js';
import { readRowSchema } from '../schema/rowSchema.js';
import { localTimestamp, weekdaysBetween } from '../time/sessionCalendar.js';
import type { KindDefinition } from './kindDefinition.js';
import { batchTag, rowKey } from './rowKeys.js';
import { uniqueKeyOf } from './uniqueKey.js';

export type WebinarImportRow = components['schemas']['WebinarImportRow'];

const row = readRowSchema('thought-industries', 'WebinarImportRow');
const durations = [30, 45, 60, 60, 60, 90, 90, 120];
const capacities = [50, 100, 100, 250, 250, 500, 1000];

export const tiWebinar: KindDefinition<WebinarImportRow> = {
  name: 'ti-webinar',
  summary: 'Thought Industries course group webinars (rows of a WebinarImportRow CSV asset)',
  row,
  defaultFormat: 'csv',
  envelope: null,
  key: uniqueKeyOf(row),
  batchSize: defaultSettings.maxRowsPerImport,
  createRows(seed) {
    const random = streamRandom(seed, 'rows:ti-webinar');
    const people = createPeoplePool(seed);
    const titles = composeTitles(streamRandom(seed, 'titles:ti-webinar'), webinarFormats, 400);
    const days = weekdaysBetween(7, 540);
    const tag = batchTag(seed);

    return (index) => {
      const session = random.pick(titles);
      // One webinar in twenty is scheduled in UTC, the rest in the presenter's city.
      const city = random.pick(cities);
      const timeZone = chance(random, 0.05) ? 'UTC' : city.timeZone;
      const day = random.pick(days);
      const start = 8 * 60 + 15 * random.int(0, 40);
      const presenter = people.person(random, city.locale);
      // Built field by field in the spec's column order: object spreads for the optional fields
      // measured seven times slower, and this is the hot loop of a million-row run.
      const webinar: Partial<WebinarImportRow> = {};
      webinar.externalId = rowKey('WEB', tag, index);
      webinar.title = session.title;
      if (chance(random, 0.7)) webinar.slug = session.slug;
      if (chance(random, 0.7)) webinar.description = session.descriptions[random.int(0, 1)];
      webinar.startDate = localTimestamp(day, start, timeZone);
      webinar.endDate = localTimestamp(day, start + random.pick(durations), timeZone);
      webinar.timeZone = timeZone;
      webinar.instructorName = presenter.firstName + ' ' + presenter.lastName;
      if (chance(random, 0.85)) webinar.instructorEmail = presenter.email;
      // An 11-digit meeting id from two small numbers: turning numbers above 2^31 into text is slow.
      const meetingId = String(random.int(10_000, 99_999)) + String(random.int(100_000, 999_999));
      webinar.meetingUrl = meetingUrl(random.int(0, 2), meetingId, people.organisation(random), session.slug);
      if (chance(random, 0.6)) webinar.capacity = random.pick(capacities);
      webinar.language = chance(random, 0.5) ? city.language : city.language.slice(0, 2);
      return webinar as WebinarImportRow;
    };
  },
};

function meetingUrl(style: number, meetingId: string, organisation: Organisation, slug: string): string {
  if (style === 0) return 'https://zoom.us/j/' + meetingId;
  if (style === 1) return 'https://events.' + organisation.domain + '/live/' + slug;
  return 'https://' + organisation.brand + '.webex.com/meet/' + meetingId;
}
