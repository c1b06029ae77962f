import type { Random } from '../../mocks/core/random.js';
import type { components } from '../../openapi/generated/stackone-lms.js';
import { cities, languageNames } from '../catalogue/cities.js';
import { composeTitles, describe } from '../catalogue/courseTitles.js';
import { createPeoplePool } from '../catalogue/peoplePool.js';
import { capitalize, slugify } from '../catalogue/textForms.js';
import { chance, sample, streamRandom } from '../random/seedStreams.js';
import { envelopeOf, readRowSchema } from '../schema/rowSchema.js';
import type { KindDefinition } from './kindDefinition.js';
import { batchTag, rowKey } from './rowKeys.js';
import { isoDuration, languageValue } from './stackOneCourse.js';

type Schemas = components['schemas'];
export type LmsUpsertContentRequest = Schemas['LmsUpsertContentRequest'];
type ContentType = Schemas['ContentTypeValue']['value'];

const row = readRowSchema('stackone', 'LmsUpsertContentRequest');
const envelope = envelopeOf('stackone', 'BatchUpsertContentRequest', 'LmsUpsertContentRequest');
const courseFormats = ['Fundamentals', 'Essentials', 'Practitioner Course', 'Advanced Course', 'Bootcamp'];
/** What a corporate catalogue mostly holds: videos and documents, some quizzes and articles. */
const contentTypes: readonly ContentType[] = [
  'video',
  'video',
  'video',
  'document',
  'document',
  'quiz',
  'article',
  'audio',
  'interactive',
];
/** Minutes a learning object of each type usually takes. */
const minutesByType: Partial<Record<ContentType, readonly number[]>> = {
  video: [4, 6, 8, 12, 15, 20, 25],
  audio: [10, 15, 20, 30],
  quiz: [5, 10, 15],
  interactive: [15, 20, 30, 45],
};
const pathByType: Partial<Record<ContentType, string>> = { quiz: 'quiz', document: 'docs', article: 'articles' };
const locales = [...new Set(cities.map((city) => city.language))];

export const stackOneContent: KindDefinition<LmsUpsertContentRequest> = {
  name: 'stackone-content',
  summary: 'StackOne unified LMS content items (LmsUpsertContentRequest, sent as { "items": [...] })',
  row,
  defaultFormat: 'json',
  envelope,
  // As for courses: the mock refuses a repeated external_reference within one batch.
  key: 'external_reference',
  batchSize: envelope.maxItems ?? Number.POSITIVE_INFINITY,
  createRows(seed) {
    const random = streamRandom(seed, 'rows:stackone-content');
    const people = createPeoplePool(seed);
    const courses = composeTitles(streamRandom(seed, 'titles:stackone-content'), courseFormats, 400);
    const tag = batchTag(seed);

    return (index) => {
      const { slug, topic } = random.pick(courses);
      const outcome = random.pick(topic.outcomes);
      const type = random.pick(contentTypes);
      const organisation = people.organisation(random);
      const language = random.pick(locales);
      const path = `${pathByType[type] ?? 'content'}/${slug}/${slugify(outcome)}`;
      // Field by field in the spec's order (see tiWebinar.ts for why not spreads).
      const item: Partial<LmsUpsertContentRequest> = {};
      item.external_reference = rowKey(topic.area.code, tag, index);
      item.title = type === 'quiz' ? `Check your understanding: ${outcome}` : capitalize(outcome);
      if (chance(random, 0.7)) item.description = describe(random, topic);
      if (chance(random, 0.2)) item.short_description = `${capitalize(outcome)} in ${topic.subject}`;
      item.content_type = chance(random, 0.3) ? { value: type, source_value: capitalize(type) } : { value: type };
      item.content_url = `https://learn.${organisation.domain}/${path}`;
      if (chance(random, 0.3)) item.mobile_launch_content_url = `https://m.learn.${organisation.domain}/${path}`;
      if (chance(random, 0.5)) item.cover_url = `https://cdn.${organisation.domain}/thumbnails/${slugify(outcome)}.jpg`;
      item.active = chance(random, 0.9);
      const minutes = minutesByType[type];
      if (minutes) item.duration = isoDuration(random.pick(minutes));
      if (chance(random, 0.4)) item.order = random.int(0, 12);
      item.tags = sample(random, [...new Set([topic.subject, ...topic.skills].map((name) => slugify(name)))], 1, 3);
      item.languages = [languageValue(random, language)];
      if (chance(random, 0.2)) item.localizations = [localization(random, item.title, language)];
      if (chance(random, 0.4)) {
        const author = people.person(random);
        item.authors = [{ id: `AUTH-${random.int(1000, 9999)}`, name: `${author.firstName} ${author.lastName}` }];
      }
      item.categories = [{ id: `CAT-${topic.area.code}`, name: topic.area.category, hierarchy: { value: 'primary' } }];
      if (chance(random, 0.5)) item.skills = sample(random, topic.skills, 1, 2).map((name) => ({ name }));
      return item as LmsUpsertContentRequest;
    };
  },
};

function localization(random: Random, title: string, itemLocale: string): Schemas['ContentLocalization'] {
  const locale = random.pick(locales.filter((l) => l !== itemLocale));
  const name = languageNames[locale] ?? locale;
  return { title: `${title} (${name})`, language: { value: locale.replace('-', '_') } };
}
