import { defaultSettings } from '../../mocks/core/mockSettings.js';
import type { components } from '../../openapi/generated/thought-industries.js';
import { composeTitles } from '../catalogue/courseTitles.js';
import { classroomFormats } from '../catalogue/learningTopics.js';
import { createPeoplePool } from '../catalogue/peoplePool.js';
import { createVenuePool } from '../catalogue/venuePool.js';
import { chance, streamRandom } from '../random/seedStreams.js';
import { readRowSchema } from '../schema/rowSchema.js';
import { localTimestamp, weekdaysBetween } from '../time/sessionCalendar.js';
import type { KindDefinition } from './kindDefinition.js';
import { batchTag, rowKey } from './rowKeys.js';
import { uniqueKeyOf } from './uniqueKey.js';

export type InPersonEventImportRow = components['schemas']['InPersonEventImportRow'];

const row = readRowSchema('thought-industries', 'InPersonEventImportRow');
const startTimes = [8 * 60 + 30, 9 * 60, 9 * 60, 9 * 60 + 30, 10 * 60];
const singleDayLengths = [180, 240, 360, 420];
const lastDayEnds = [16 * 60, 16 * 60 + 30, 17 * 60, 17 * 60 + 30];
const spans = [1, 1, 1, 2, 2, 3];
const capacities = [12, 16, 20, 24, 30, 40, 60, 120];

export const tiInPersonEvent: KindDefinition<InPersonEventImportRow> = {
  name: 'ti-in-person-event',
  summary: 'Thought Industries in-person event sessions (rows of an InPersonEventImportRow CSV asset)',
  row,
  defaultFormat: 'csv',
  envelope: null,
  key: uniqueKeyOf(row),
  batchSize: defaultSettings.maxRowsPerImport,
  createRows(seed) {
    const random = streamRandom(seed, 'rows:ti-in-person-event');
    const people = createPeoplePool(seed);
    const venues = createVenuePool(seed);
    const titles = composeTitles(streamRandom(seed, 'titles:ti-in-person-event'), classroomFormats, 400);
    // Events of several days run on consecutive weekdays, so the last starts leave room for them.
    const days = weekdaysBetween(14, 560);
    const tag = batchTag(seed);

    return (index) => {
      const session = random.pick(titles);
      const venue = venues.venue(random);
      const { city } = venue;
      const first = random.int(0, days.length - 4);
      const span = random.pick(spans);
      const start = random.pick(startTimes);
      const end = span === 1 ? start + random.pick(singleDayLengths) : random.pick(lastDayEnds);
      const instructor = people.person(random, city.locale);
      // Field by field in the spec's column order (see tiWebinar.ts for why not spreads).
      const event: Partial<InPersonEventImportRow> = {};
      event.externalId = rowKey('EVT', tag, index);
      event.title = session.title;
      if (chance(random, 0.6)) event.description = session.descriptions[random.int(0, 1)];
      event.startDate = localTimestamp(days[first]!, start, city.timeZone);
      event.endDate = localTimestamp(days[first + span - 1]!, end, city.timeZone);
      event.timeZone = city.timeZone;
      event.venueName = venue.name;
      event.addressLine1 = venue.addressLine1;
      if (venue.addressLine2 !== undefined) event.addressLine2 = venue.addressLine2;
      event.city = city.name;
      if (city.region !== '') event.region = city.region;
      event.postalCode = venue.postalCode;
      event.country = city.country;
      if (chance(random, 0.7)) event.capacity = random.pick(capacities);
      if (chance(random, 0.9)) event.instructorName = instructor.firstName + ' ' + instructor.lastName;
      if (chance(random, 0.8)) event.instructorEmail = instructor.email;
      return event as InPersonEventImportRow;
    };
  },
};
