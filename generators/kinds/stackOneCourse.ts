import type { Random } from '../../mocks/core/random.js';
import type { components } from '../../openapi/generated/stackone-lms.js';
import { cities, languageNames } from '../catalogue/cities.js';
import { composeTitles, describe } from '../catalogue/courseTitles.js';
import type { LearningArea, LearningTopic } from '../catalogue/learningTopics.js';
import { createPeoplePool } from '../catalogue/peoplePool.js';
import { capitalize, slugify } from '../catalogue/textForms.js';
import { chance, sample, streamRandom } from '../random/seedStreams.js';
import { envelopeOf, readRowSchema } from '../schema/rowSchema.js';
import type { KindDefinition } from './kindDefinition.js';
import { batchTag, rowKey } from './rowKeys.js';

type Schemas = components['schemas'];
export type LmsUpsertCourseRequest = Schemas['LmsUpsertCourseRequest'];

const row = readRowSchema('stackone', 'LmsUpsertCourseRequest');
const envelope = envelopeOf('stackone', 'BatchUpsertCoursesRequest', 'LmsUpsertCourseRequest');
const courseFormats = [
  'Fundamentals',
  'Essentials',
  'Practitioner Course',
  'Advanced Course',
  'Bootcamp',
  'Certification Path',
];
const programmes = [
  'New Manager Programme',
  'Onboarding',
  'Compliance Calendar 2027',
  'Certification Path',
  'Leadership Academy',
];
const durationsInMinutes = [20, 30, 45, 50, 60, 75, 90, 120, 180, 240, 390, 480, 960];
const proficiencies: ReadonlyArray<Schemas['ProficiencyValue']['value']> = [
  'beginner',
  'beginner',
  'intermediate',
  'intermediate',
  'advanced',
  'expert',
];
const costCentreRegions = ['PLATFORM', 'CORE', 'EMEA', 'AMER', 'APAC'];
const locales = [...new Set(cities.map((city) => city.language))];

export const stackOneCourse: KindDefinition<LmsUpsertCourseRequest> = {
  name: 'stackone-course',
  summary: 'StackOne unified LMS courses (LmsUpsertCourseRequest, sent as { "items": [...] })',
  row,
  defaultFormat: 'json',
  envelope,
  // The spec has no unique rule here (StackOne does not say what happens); the mock rejects a
  // repeated external_reference within one batch, the key the upsert matches on.
  key: 'external_reference',
  batchSize: envelope.maxItems ?? Number.POSITIVE_INFINITY,
  createRows(seed) {
    const random = streamRandom(seed, 'rows:stackone-course');
    const people = createPeoplePool(seed);
    const courses = composeTitles(streamRandom(seed, 'titles:stackone-course'), courseFormats, 400);
    const tag = batchTag(seed);

    return (index) => {
      const { title, slug, topic, descriptions } = random.pick(courses);
      const reference = rowKey(topic.area.code, tag, index);
      const organisation = people.organisation(random);
      const language = random.pick(locales);
      const site = `https://learn.${organisation.domain}`;
      // Field by field in the spec's order (see tiWebinar.ts for why not spreads).
      const course: Partial<LmsUpsertCourseRequest> = {};
      if (chance(random, 0.4)) {
        course.unified_custom_fields = {
          cost_centre: `${topic.area.code}-${random.pick(costCentreRegions)}`,
          catalogue_owner: people.person(random).email,
          mandatory: chance(random, 0.3),
        };
      }
      course.external_reference = reference;
      course.title = title;
      course.description = descriptions[random.int(0, 1)]!;
      course.languages = [languageValue(random, language)];
      if (chance(random, 0.7)) course.cover_url = `https://cdn.${organisation.domain}/covers/${slug}.png`;
      course.url = `${site}/courses/${slug}`;
      course.active = chance(random, 0.85);
      course.duration = isoDuration(random.pick(durationsInMinutes));
      course.categories = categories(random, topic.area, language);
      course.skills = sample(random, topic.skills, 0, 3).map((name, i) => skill(random, name, i === 0));
      const courseSite: CourseSite = { reference, site, slug, domain: organisation.domain, topic };
      course.content = sample(random, topic.outcomes, 1, 4).map((outcome, order) =>
        content(random, courseSite, outcome, order),
      );
      if (chance(random, 0.3)) course.localizations = [localization(random, title, language)];
      return course as LmsUpsertCourseRequest;
    };
  },
};

/** The area's own category, and sometimes a programme the course is part of. */
function categories(random: Random, area: LearningArea, locale: string): Schemas['CourseCategory'][] {
  const primary: Schemas['CourseCategory'] = {
    id: `CAT-${area.code}`,
    name: area.category,
    hierarchy: { value: 'primary' },
  };
  if (chance(random, 0.5)) primary.level = { value: 'primary' };
  if (chance(random, 0.3)) primary.language = languageValue(random, locale);
  return chance(random, 0.3)
    ? [primary, { name: random.pick(programmes), hierarchy: { value: 'secondary' } }]
    : [primary];
}

function skill(random: Random, name: string, main: boolean): Schemas['CourseSkill'] {
  const entry: Schemas['CourseSkill'] = chance(random, 0.6)
    ? { id: `SKL-${slugify(name).toUpperCase()}`, name }
    : { name };
  entry.level = { value: main ? 'primary' : 'secondary' };
  entry.proficiency = proficiency(random);
  return entry;
}

interface CourseSite {
  reference: string;
  site: string;
  slug: string;
  domain: string;
  topic: LearningTopic;
}

/** One module of the course, named after what it teaches. */
function content(random: Random, course: CourseSite, outcome: string, order: number): Schemas['CourseContent'] {
  const number = String(order + 1).padStart(2, '0');
  const path = `content/${course.slug}/m${number}-${slugify(outcome)}`;
  const entry: Schemas['CourseContent'] = {
    external_reference: `${course.reference}-M${number}`,
    title: capitalize(outcome),
  };
  if (chance(random, 0.4)) entry.description = describe(random, course.topic);
  entry.content_url = `${course.site}/${path}`;
  if (chance(random, 0.3)) entry.mobile_launch_content_url = `https://m.learn.${course.domain}/${path}`;
  entry.order = order;
  return entry;
}

/** A locale as StackOne writes it: `en_GB` or `en-GB` (its examples use both), sometimes with the provider's name. */
export function languageValue(random: Random, locale: string): Schemas['LanguageValue'] {
  const value = chance(random, 0.7) ? locale.replace('-', '_') : locale;
  return chance(random, 0.4) ? { value, source_value: languageNames[locale] ?? locale } : { value };
}

function proficiency(random: Random): Schemas['ProficiencyValue'] {
  const value = random.pick(proficiencies);
  return chance(random, 0.5) ? { value, source_value: `Level ${proficiencies.indexOf(value) + 1}` } : { value };
}

function localization(random: Random, title: string, courseLocale: string): Schemas['CourseLocalization'] {
  const locale = random.pick(locales.filter((l) => l !== courseLocale));
  const name = languageNames[locale] ?? locale;
  return {
    title: `${title} – ${name} edition`,
    description: `The ${name} edition of ${title}.`,
    languages: { value: locale, source_value: name },
  };
}

/** Minutes as an ISO 8601 duration: 45 -> `PT45M`, 390 -> `PT6H30M`, 960 -> `PT16H`. */
export function isoDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours > 0 ? `${hours}H` : ''}${rest > 0 ? `${rest}M` : ''}`;
}
