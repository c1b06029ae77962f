import type { Random } from '../../mocks/core/random.js';
import { streamSeed } from '../random/seedStreams.js';
import type { FakerLocale } from './cities.js';
import { fakerLocales, withFaker } from './fakers.js';
import { capitalize, emailWord } from './textForms.js';

export interface PersonName {
  text: string;
  /** The name as an e-mail address writes it: ASCII letters and digits only. */
  word: string;
}

/** An organisation that runs training, and the domain its people's addresses and URLs use. */
export interface Organisation {
  name: string;
  /** The name as one lower-case word (`brightwave`), for subdomains. */
  brand: string;
  /** `brightwave-academy.example.com`: reserved example domains, so no real mailbox is ever named. */
  domain: string;
}

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
}

export interface PeoplePool {
  /** A person with a name of the locale's country, working for one of the pool's organisations. */
  person(random: Random, locale?: FakerLocale): Person;
  organisation(random: Random): Organisation;
}

const namesPerLocale = 80;
const organisationCount = 60;
const orgSuffixes = ['learning', 'academy', 'training', 'institute', 'university', 'health', 'group', 'partners'];
const exampleZones = ['example.com', 'example.org', 'example'];

/**
 * First and last names per locale, and organisations, drawn with faker once per seed. Rows combine
 * a first and a last name at random, which gives hundreds of thousands of people from a pool that
 * takes a few milliseconds to build.
 */
export function createPeoplePool(seed: number): PeoplePool {
  const names = new Map<FakerLocale, { first: PersonName[]; last: PersonName[] }>();
  for (const locale of fakerLocales) {
    names.set(
      locale,
      withFaker(locale, streamSeed(seed, `names:${locale}`), (faker) => ({
        first: distinctNames(() => faker.person.firstName()),
        last: distinctNames(() => faker.person.lastName()),
      })),
    );
  }
  const organisations = withFaker('en_US', streamSeed(seed, 'organisations'), (faker) => {
    const list: Organisation[] = [];
    const seen = new Set<string>();
    while (list.length < organisationCount) {
      const surname = faker.person.lastName();
      const brand = emailWord(surname);
      const suffix = faker.helpers.arrayElement(orgSuffixes);
      const domain = `${brand}-${suffix}.${faker.helpers.arrayElement(exampleZones)}`;
      if (brand.length < 3 || seen.has(domain)) continue;
      seen.add(domain);
      list.push({ name: `${surname} ${capitalize(suffix)}`, brand, domain });
    }
    return list;
  });

  return {
    person(random, locale = random.pick(fakerLocales)) {
      const pool = names.get(locale)!;
      const first = random.pick(pool.first);
      const last = random.pick(pool.last);
      const organisation = random.pick(organisations);
      const style = random.nextUint32() & 3;
      const local =
        style === 0
          ? `${first.word.charAt(0)}.${last.word}`
          : style === 1
            ? `${first.word}${last.word}`
            : `${first.word}.${last.word}`;
      return { firstName: first.text, lastName: last.text, email: `${local}@${organisation.domain}` };
    },
    organisation: (random) => random.pick(organisations),
  };
}

/** Up to `namesPerLocale` distinct names that can be written in an e-mail address. */
function distinctNames(draw: () => string): PersonName[] {
  const seen = new Set<string>();
  const list: PersonName[] = [];
  for (let attempt = 0; attempt < namesPerLocale * 4 && list.length < namesPerLocale; attempt++) {
    const text = draw();
    const word = emailWord(text);
    if (word.length < 2 || seen.has(text)) continue;
    seen.add(text);
    list.push({ text, word });
  }
  return list;
}
