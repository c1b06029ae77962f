/**
 * The instant of an RFC 3339 date-time (`2027-03-09T11:00:00-05:00`, `...T16:00:00.250Z`) in epoch
 * milliseconds, read by character codes; anything of another shape goes to Date.parse. The row rule
 * `after` compares two of these per imported row, and Date.parse was its whole cost.
 */
export function rfc3339Instant(text: string): number {
  const n = text.length;
  // YYYY-MM-DDTHH:MM:SS then an optional fraction, then Z or ±HH:MM.
  if (
    n < 20 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return Date.parse(text);
  const t = text.charCodeAt(10);
  if (t !== 84 && t !== 116) return Date.parse(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === 46) {
    let scale = 100;
    at += 1;
    const start = at;
    while (at < n && isDigit(text.charCodeAt(at))) {
      millis += (text.charCodeAt(at) - 48) * scale;
      scale /= 10;
      at += 1;
    }
    if (at === start) return Date.parse(text);
    millis = Math.floor(millis);
  }
  let offsetMinutes: number;
  const zone = text.charCodeAt(at);
  if ((zone === 90 || zone === 122) && at + 1 === n) {
    offsetMinutes = 0;
  } else if ((zone === 43 || zone === 45) && at + 6 === n && text.charCodeAt(at + 3) === 58) {
    const hours = digits(text, at + 1, 2);
    const minutes = digits(text, at + 4, 2);
    if (Number.isNaN(hours) || Number.isNaN(minutes) || hours > 23 || minutes > 59) return Date.parse(text);
    offsetMinutes = (zone === 45 ? -1 : 1) * (hours * 60 + minutes);
  } else {
    return Date.parse(text);
  }
  // Years 0 to 99 and odd values are left to Date.parse, which has the last word on them.
  if (
    Number.isNaN(year + month + day + hour + minute + second) ||
    year < 100 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return Date.parse(text);
  const minutes = (daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes;
  return (minutes * 60 + second) * 1000 + millis;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), as Date.UTC
 * counts them: a day past the month's end runs on into the next month. Plain arithmetic, because
 * Date.UTC was half of this function's cost.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return (
    era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return Number.NaN;
    value = value * 10 + (code - 48);
  }
  return value;
}
