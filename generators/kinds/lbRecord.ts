import { defaultSettings } from '../../mocks/core/mockSettings.js';
import type { components } from '../../openapi/generated/learning-builder.js';
import { createPeoplePool } from '../catalogue/peoplePool.js';
import { professions } from '../catalogue/professions.js';
import { chance, streamRandom } from '../random/seedStreams.js';
import { readRowSchema } from '../schema/rowSchema.js';
import { calendarDate } from '../time/sessionCalendar.js';
import type { KindDefinition } from './kindDefinition.js';
import { batchTag, rowKey } from './rowKeys.js';
import { uniqueKeyOf } from './uniqueKey.js';

export type LearningBuilderImportRecord = components['schemas']['LearningBuilderImportRecord'];

const row = readRowSchema('learning-builder', 'LearningBuilderImportRecord');

export const lbRecord: KindDefinition<LearningBuilderImportRecord> = {
  name: 'lb-record',
  summary: 'Learning Builder continuing-education completions (LearningBuilderImportRecord, one per JSON line)',
  row,
  defaultFormat: 'jsonl',
  envelope: null,
  key: uniqueKeyOf(row),
  batchSize: defaultSettings.maxRowsPerImport,
  createRows(seed) {
    const random = streamRandom(seed, 'rows:lb-record');
    const people = createPeoplePool(seed);
    const tag = batchTag(seed).toLowerCase();

    return (index) => {
      const profession = random.pick(professions);
      const activity = random.pick(profession.activities);
      // Licensing boards are national; US and Canadian names fit the professions listed.
      const person = people.person(random, chance(random, 0.8) ? 'en_US' : 'en_CA');
      const licenseNumber = String(
        random.int(10 ** (profession.licenseDigits - 1), 10 ** profession.licenseDigits - 1),
      );
      // Field by field in the spec's order (see tiWebinar.ts for why not spreads).
      const record: Partial<LearningBuilderImportRecord> = {};
      record.ExternalRecordId = rowKey('ce', tag, index);
      record.PersonId = `P-${random.int(100_000, 999_999)}`;
      record.FirstName = person.firstName;
      record.LastName = person.lastName;
      record.Email = person.email;
      if (chance(random, 0.9)) record.LicenseNumber = `${profession.licensePrefix}-${licenseNumber}`;
      if (chance(random, 0.9)) record.LicenseType = profession.licenseType;
      record.ActivityCode = activity.code;
      if (chance(random, 0.9)) record.ActivityTitle = activity.title;
      // Completions lie in the year before the reference date: they have happened.
      record.CompletionDate = calendarDate(-random.int(1, 365));
      if (chance(random, 0.85)) record.CreditHours = random.int(2, 32) / 4;
      if (chance(random, 0.9)) record.CreditType = profession.creditType;
      return record as LearningBuilderImportRecord;
    };
  },
};
