/**
 * Cities where sessions take place, with what must agree for an address to look real: the region,
 * the ISO 3166-1 country code, the IANA time zone, the faker locale that writes local street names
 * and postal codes, and the language of the sessions held there.
 */
export interface City {
  name: string;
  /** State, province or county as a local address writes it; empty where addresses have none. */
  region: string;
  country: string;
  timeZone: string;
  locale: FakerLocale;
  /** BCP 47 language with region, as the sessions there are given (`en-GB`, `de-DE`). */
  language: string;
}

export type FakerLocale =
  'en_US' | 'en_CA' | 'en_GB' | 'en_IE' | 'de' | 'fr' | 'nl' | 'es' | 'en_AU' | 'en_IN' | 'pt_BR';

export const cities: readonly City[] = [
  { name: 'Chicago', region: 'IL', country: 'US', timeZone: 'America/Chicago', locale: 'en_US', language: 'en-US' },
  { name: 'New York', region: 'NY', country: 'US', timeZone: 'America/New_York', locale: 'en_US', language: 'en-US' },
  { name: 'Boston', region: 'MA', country: 'US', timeZone: 'America/New_York', locale: 'en_US', language: 'en-US' },
  { name: 'Atlanta', region: 'GA', country: 'US', timeZone: 'America/New_York', locale: 'en_US', language: 'en-US' },
  { name: 'Austin', region: 'TX', country: 'US', timeZone: 'America/Chicago', locale: 'en_US', language: 'en-US' },
  { name: 'Denver', region: 'CO', country: 'US', timeZone: 'America/Denver', locale: 'en_US', language: 'en-US' },
  { name: 'Phoenix', region: 'AZ', country: 'US', timeZone: 'America/Phoenix', locale: 'en_US', language: 'en-US' },
  { name: 'Seattle', region: 'WA', country: 'US', timeZone: 'America/Los_Angeles', locale: 'en_US', language: 'en-US' },
  {
    name: 'San Francisco',
    region: 'CA',
    country: 'US',
    timeZone: 'America/Los_Angeles',
    locale: 'en_US',
    language: 'en-US',
  },
  { name: 'Toronto', region: 'ON', country: 'CA', timeZone: 'America/Toronto', locale: 'en_CA', language: 'en-CA' },
  { name: 'Vancouver', region: 'BC', country: 'CA', timeZone: 'America/Vancouver', locale: 'en_CA', language: 'en-CA' },
  {
    name: 'London',
    region: 'Greater London',
    country: 'GB',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    language: 'en-GB',
  },
  {
    name: 'Manchester',
    region: 'Greater Manchester',
    country: 'GB',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    language: 'en-GB',
  },
  {
    name: 'Edinburgh',
    region: 'Scotland',
    country: 'GB',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    language: 'en-GB',
  },
  {
    name: 'Dublin',
    region: 'Co. Dublin',
    country: 'IE',
    timeZone: 'Europe/Dublin',
    locale: 'en_IE',
    language: 'en-IE',
  },
  { name: 'Berlin', region: 'Berlin', country: 'DE', timeZone: 'Europe/Berlin', locale: 'de', language: 'de-DE' },
  { name: 'Munich', region: 'Bayern', country: 'DE', timeZone: 'Europe/Berlin', locale: 'de', language: 'de-DE' },
  { name: 'Hamburg', region: 'Hamburg', country: 'DE', timeZone: 'Europe/Berlin', locale: 'de', language: 'de-DE' },
  { name: 'Paris', region: 'Île-de-France', country: 'FR', timeZone: 'Europe/Paris', locale: 'fr', language: 'fr-FR' },
  {
    name: 'Lyon',
    region: 'Auvergne-Rhône-Alpes',
    country: 'FR',
    timeZone: 'Europe/Paris',
    locale: 'fr',
    language: 'fr-FR',
  },
  {
    name: 'Amsterdam',
    region: 'Noord-Holland',
    country: 'NL',
    timeZone: 'Europe/Amsterdam',
    locale: 'nl',
    language: 'nl-NL',
  },
  {
    name: 'Madrid',
    region: 'Comunidad de Madrid',
    country: 'ES',
    timeZone: 'Europe/Madrid',
    locale: 'es',
    language: 'es-ES',
  },
  { name: 'Barcelona', region: 'Cataluña', country: 'ES', timeZone: 'Europe/Madrid', locale: 'es', language: 'es-ES' },
  { name: 'Sydney', region: 'NSW', country: 'AU', timeZone: 'Australia/Sydney', locale: 'en_AU', language: 'en-AU' },
  {
    name: 'Melbourne',
    region: 'VIC',
    country: 'AU',
    timeZone: 'Australia/Melbourne',
    locale: 'en_AU',
    language: 'en-AU',
  },
  {
    name: 'Mumbai',
    region: 'Maharashtra',
    country: 'IN',
    timeZone: 'Asia/Kolkata',
    locale: 'en_IN',
    language: 'en-IN',
  },
  {
    name: 'Bengaluru',
    region: 'Karnataka',
    country: 'IN',
    timeZone: 'Asia/Kolkata',
    locale: 'en_IN',
    language: 'en-IN',
  },
  { name: 'São Paulo', region: 'SP', country: 'BR', timeZone: 'America/Sao_Paulo', locale: 'pt_BR', language: 'pt-BR' },
];

/** How an LMS names a language in its own data (`source_value` of a StackOne language). */
export const languageNames: Readonly<Record<string, string>> = {
  'en-US': 'English (United States)',
  'en-CA': 'English (Canada)',
  'en-GB': 'English (United Kingdom)',
  'en-IE': 'English (Ireland)',
  'en-AU': 'English (Australia)',
  'en-IN': 'English (India)',
  'de-DE': 'German (Germany)',
  'fr-FR': 'French (France)',
  'nl-NL': 'Dutch (Netherlands)',
  'es-ES': 'Spanish (Spain)',
  'pt-BR': 'Portuguese (Brazil)',
};
