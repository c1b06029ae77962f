import { defaultSettings } from '../../mocks/core/mockSettings.js';
import type { components } from '../../openapi/generated/thought-industries.js';
import { cities } from '../catalogue/cities.js';
import { createPeoplePool } from '../catalogue/peoplePool.js';
import { chance, streamRandom } from '../random/seedStreams.js';
import { readRowSchema } from '../schema/rowSchema.js';
import type { KindDefinition } from './kindDefinition.js';
import { batchTag, rowKey } from './rowKeys.js';
import { uniqueKeyOf } from './uniqueKey.js';

export type UserImportRow = components['schemas']['UserImportRow'];

const row = readRowSchema('thought-industries', 'UserImportRow');

/** Learners of the organisations of the people pool, one e-mail address each (the users' key). */
export const tiUser: KindDefinition<UserImportRow> = {
  name: 'ti-user',
  summary: 'Thought Industries users (rows of the UserImportRow CSV that POST /users/bulkImport reads from a URL)',
  row,
  defaultFormat: 'csv',
  envelope: null,
  key: uniqueKeyOf(row),
  batchSize: defaultSettings.maxRowsPerImport,
  createRows(seed) {
    const random = streamRandom(seed, 'rows:ti-user');
    const people = createPeoplePool(seed);
    const tag = batchTag(seed);
    return (index) => {
      const city = random.pick(cities);
      const person = people.person(random, city.locale);
      // The row number in the local part keeps every address of a file unique (names repeat).
      const at = person.email.indexOf('@');
      const user: Partial<UserImportRow> = {};
      user.email = `${person.email.slice(0, at)}${index + 1}${person.email.slice(at)}`;
      user.firstName = person.firstName;
      user.lastName = person.lastName;
      if (chance(random, 0.8)) user.externalCustomerId = rowKey('EMP', tag, index);
      if (chance(random, 0.7)) user.language = chance(random, 0.5) ? city.language : city.language.slice(0, 2);
      return user as UserImportRow;
    };
  },
};
