/**
 * Dates of generated sessions, as RFC 3339 text with the offset of the session's time zone.
 *
 * Everything is relative to a fixed reference instant, never the wall clock, so the same seed gives
 * the same file on any day. Sessions are placed on weekdays after it; completions (Learning Builder)
 * in the year before it.
 */
export const referenceInstant = Date.UTC(2027, 0, 1);

const dayMs = 86_400_000;

// Dates and offsets are cached for ten years either side of the reference date: generation asks
// for the same few hundred days millions of times.
const cacheBase = 3660;
const cacheSlots = 2 * cacheBase;
const dateTexts = new Array<string | undefined>(cacheSlots);

/** `YYYY-MM-DD` of the calendar day `day` days after the reference date (negative: before it). */
export function calendarDate(day: number): string {
  const slot = day + cacheBase;
  let text = dateTexts[slot];
  if (text === undefined) {
    text = new Date(referenceInstant + day * dayMs).toISOString().slice(0, 10);
    if (slot >= 0 && slot < cacheSlots) dateTexts[slot] = text;
  }
  return text;
}

/** Monday to Friday: sessions of a learning catalogue rarely run at weekends. */
function isWeekday(day: number): boolean {
  const weekday = new Date(referenceInstant + day * dayMs).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The weekdays among the days `from` to `to` (inclusive) after the reference date. */
export function weekdaysBetween(from: number, to: number): number[] {
  const days: number[] = [];
  for (let day = from; day <= to; day++) if (isWeekday(day)) days.push(day);
  return days;
}

/** `HH:MM:00` for a minute of the day (0 to 1439). */
function clockTime(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${hours < 10 ? '0' : ''}${hours}:${minutes < 10 ? '0' : ''}${minutes}:00`;
}
const clockTimes = Array.from({ length: 24 * 60 }, (_, minute) => clockTime(minute));

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const zoneOffsets = new Map<string, Array<string | undefined>>();

/**
 * The UTC offset of `timeZone` at local noon of a day, as RFC 3339 writes it (`-05:00`, `+05:30`;
 * `Z` for the zone `UTC`). Noon is used because sessions run in the daytime and daylight saving
 * changes happen at night, so the noon offset is the offset of the whole working day.
 */
export function utcOffset(timeZone: string, day: number): string {
  if (timeZone === 'UTC') return 'Z';
  let offsets = zoneOffsets.get(timeZone);
  if (!offsets) zoneOffsets.set(timeZone, (offsets = new Array<string | undefined>(cacheSlots)));
  const slot = day + cacheBase;
  let text = offsets[slot];
  if (text === undefined) {
    const noonUtc = referenceInstant + day * dayMs + 12 * 3_600_000;
    // The zone's offset at UTC noon is close; the offset at local noon is the one wanted.
    const guess = offsetMinutesAt(timeZone, noonUtc);
    text = formatOffset(offsetMinutesAt(timeZone, noonUtc - guess * 60_000));
    if (slot >= 0 && slot < cacheSlots) offsets[slot] = text;
  }
  return text;
}

/** An RFC 3339 timestamp: a local day and minute in a time zone, with that zone's offset. */
export function localTimestamp(day: number, minuteOfDay: number, timeZone: string): string {
  return calendarDate(day) + 'T' + clockTimes[minuteOfDay]! + utcOffset(timeZone, day);
}

function offsetMinutesAt(timeZone: string, instant: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0; // "GMT": the zone is at UTC on that day
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  const hours = Math.floor(absolute / 60);
  const rest = absolute % 60;
  return `${sign}${hours < 10 ? '0' : ''}${hours}:${rest < 10 ? '0' : ''}${rest}`;
}
