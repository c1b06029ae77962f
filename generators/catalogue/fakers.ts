import type { Faker } from '@faker-js/faker';
import { faker as de } from '@faker-js/faker/locale/de';
import { faker as en_AU } from '@faker-js/faker/locale/en_AU';
import { faker as en_CA } from '@faker-js/faker/locale/en_CA';
import { faker as en_GB } from '@faker-js/faker/locale/en_GB';
import { faker as en_IE } from '@faker-js/faker/locale/en_IE';
import { faker as en_IN } from '@faker-js/faker/locale/en_IN';
import { faker as en_US } from '@faker-js/faker/locale/en_US';
import { faker as es } from '@faker-js/faker/locale/es';
import { faker as fr } from '@faker-js/faker/locale/fr';
import { faker as nl } from '@faker-js/faker/locale/nl';
import { faker as pt_BR } from '@faker-js/faker/locale/pt_BR';
import type { FakerLocale } from './cities.js';

// One locale module each, not the package root: the root loads every locale faker has (about
// 240 ms and 30 MB more), and a fixture needs only the locales of its cities.
const fakers: Readonly<Record<FakerLocale, Faker>> = {
  de,
  en_AU,
  en_CA,
  en_GB,
  en_IE,
  en_IN,
  en_US,
  es,
  fr,
  nl,
  pt_BR,
};

export const fakerLocales = Object.keys(fakers) as FakerLocale[];

/**
 * Runs `build` with the faker of a locale, seeded. Faker's locale instances are module-wide
 * singletons, so seeding and drawing must happen in one synchronous call with nothing in between:
 * `build` must not be async.
 */
export function withFaker<T>(locale: FakerLocale, seed: number, build: (faker: Faker) => T): T {
  const faker = fakers[locale];
  faker.seed(seed);
  return build(faker);
}
