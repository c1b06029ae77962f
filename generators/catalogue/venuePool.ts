import type { Random } from '../../mocks/core/random.js';
import { streamSeed } from '../random/seedStreams.js';
import { cities, type City } from './cities.js';
import { withFaker } from './fakers.js';

export interface Venue {
  city: City;
  name: string;
  addressLine1: string;
  /** Floor, suite or room; absent for about half of the venues. */
  addressLine2?: string;
  postalCode: string;
}

export interface VenuePool {
  venue(random: Random): Venue;
}

const venuesPerCity = 6;

/**
 * A handful of venues per city, with street names and postal codes written by the faker of the
 * city's locale (a Berlin venue is on a German street), built once per seed.
 */
export function createVenuePool(seed: number): VenuePool {
  const venues: Venue[] = [];
  for (const city of cities) {
    withFaker(city.locale, streamSeed(seed, `venues:${city.name}`), (faker) => {
      for (let i = 0; i < venuesPerCity; i++) {
        const surname = faker.person.lastName();
        const name = faker.helpers.arrayElement([
          `The ${surname} Hotel ${city.name}`,
          `${city.name} Conference Centre`,
          `${faker.company.name()} Training Centre`,
          `${surname} House`,
          `Hotel ${surname}`,
          `${city.name} Business School`,
          `${surname} Learning Hub`,
        ]);
        const postalCode =
          city.country === 'US' ? faker.location.zipCode({ state: city.region }) : faker.location.zipCode();
        venues.push({
          city,
          name,
          addressLine1: faker.location.streetAddress(),
          ...(faker.datatype.boolean() && { addressLine2: faker.location.secondaryAddress() }),
          postalCode,
        });
      }
    });
  }
  return { venue: (random) => random.pick(venues) };
}
