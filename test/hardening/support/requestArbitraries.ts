import fc from 'fast-check';
import { encodeBase64 } from '../../../mocks/core/base64.js';
import type { SpecName } from '../../../mocks/spec/specRegistry.js';

/**
 * Generators of hostile requests. Bodies are mostly close to valid, so that they get past the first
 * checks and reach the code behind them, and are then broken in every way the issue lists: wrong
 * types, huge strings, deep nesting, invalid UTF-8, truncation, binary junk.
 */

const encoder = new TextEncoder();

// Leaves a generator can place anywhere in a JSON value; `expandLeaves` swaps them for text that
// would be costly (or impossible) to build as a value: nesting thousands of levels deep, huge strings.
const deepMarker = '\u0000deep:';
const hugeMarker = '\u0000huge:';
const markerPattern = /"\\u0000(deep|huge):(\d+)"/g;

/** `{"a":{"a":...}}` or `[[...]]`, `levels` deep, as text. */
export function deeplyNested(levels: number, shape: 'object' | 'array' = 'object'): string {
  return shape === 'object'
    ? '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)
    : '['.repeat(levels) + ']'.repeat(levels);
}

export function expandLeaves(text: string): string {
  return text.replace(markerPattern, (_, kind: string, size: string) =>
    kind === 'deep'
      ? deeplyNested(Number(size), Number(size) % 2 === 0 ? 'object' : 'array')
      : JSON.stringify('x'.repeat(Number(size))),
  );
}

/** A value for any field: right or wrong type, empty, huge, deeply nested. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 20_000 }).map((n) => `${deepMarker}${n}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 300_000 }).map((n) => `${hugeMarker}${n}`) },
);

/** Sometimes the right value, sometimes anything. */
const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: anyValue });

/** Extra, unknown fields mixed into an object. */
const withExtras = (value: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .tuple(
      value,
      fc.oneof(
        { weight: 9, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { minKeys: 1, maxKeys: 3 }) },
      ),
    )
    .map(([base, extra]) => ({ ...base, ...extra }));

export const assetImportBody = (assetPaths: readonly string[]) =>
  withExtras(
    fc.record(
      {
        bulkImportAssetPath: mostly(
          fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...assetPaths) },
            { weight: 1, arbitrary: fc.constantFrom('/imports/../x.csv', '../../etc/passwd', 'missing.csv', '') },
          ),
        ),
        dryRun: mostly(fc.boolean()),
      },
      { requiredKeys: ['bulkImportAssetPath'] },
    ),
  );

const certificateTemplate = withExtras(
  fc.record(
    {
      id: mostly(fc.uuid()),
      title: mostly(
        fc.oneof(
          fc.constantFrom('Safety Certificate', ' safety certificate ', 'Privacy'),
          fc.string({ maxLength: 40 }),
        ),
      ),
      asset: mostly(fc.webUrl()),
      customCss: mostly(fc.string({ maxLength: 50 })),
      expirationDays: mostly(fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.constant(null))),
      expirationDate: mostly(fc.constantFrom('2028-12-31T23:59:59Z', '2028-13-01', '')),
      labels: mostly(
        fc.array(
          fc.record({
            certificateField: fc.string({ maxLength: 12 }),
            fontSize: fc.integer({ min: -1, max: 40 }),
            x: fc.integer(),
            y: fc.integer(),
          }),
          { maxLength: 3 },
        ),
      ),
      recertificationAction: mostly(fc.constantFrom('actionUrl', 'recertifyInSession', 'resetProgress', 'email')),
      recertificationAfterDays: mostly(fc.integer({ min: -5, max: 400 })),
      resourceType: mostly(fc.constantFrom('course', 'learningPath', 'bundle')),
      supplementalAssets: mostly(fc.array(fc.webUrl(), { maxLength: 2 })),
    },
    { requiredKeys: ['title'] },
  ),
);

/**
 * Far more tiny entries than an array's limit allows (up to 60,000 of `0`, `null`, `{}` or `""`):
 * each must be refused for its size, before any entry is validated.
 */
const hugeCountOfTinyItems = (overLimit: number): fc.Arbitrary<unknown[]> =>
  fc
    .tuple(fc.integer({ min: overLimit, max: 60_000 }), fc.constantFrom<unknown>(0, null, {}, '', []))
    .map(([n, tiny]) => new Array<unknown>(n).fill(tiny));

export const certificateTemplatesBody = withExtras(
  fc.record(
    {
      templates: mostly(
        fc.oneof(
          { weight: 9, arbitrary: fc.array(mostly(certificateTemplate), { maxLength: 6 }) },
          { weight: 1, arbitrary: hugeCountOfTinyItems(501) },
        ),
      ),
      dryRun: mostly(fc.boolean()),
    },
    { requiredKeys: ['templates'] },
  ),
);

const course = withExtras(
  fc.record(
    {
      external_reference: mostly(
        fc.oneof(fc.constantFrom('KUBE-101', 'GDPR-7', 'SAFE-1'), fc.string({ maxLength: 20 })),
      ),
      title: mostly(fc.string({ maxLength: 40 })),
      description: mostly(fc.string({ maxLength: 40 })),
      languages: mostly(fc.array(fc.record({ value: mostly(fc.constantFrom('en_GB', 'de_DE')) }), { maxLength: 2 })),
      url: mostly(fc.webUrl()),
      active: mostly(fc.boolean()),
      duration: mostly(fc.constantFrom('PT45M', 'P1D', 'soon')),
      unified_custom_fields: mostly(fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 2 })),
      categories: mostly(fc.array(fc.record({ id: mostly(fc.string()), name: mostly(fc.string()) }), { maxLength: 2 })),
    },
    { requiredKeys: ['external_reference', 'title'] },
  ),
);

export const courseBatchBody = withExtras(
  fc.record(
    {
      items: mostly(
        fc.oneof(
          { weight: 9, arbitrary: fc.array(mostly(course), { maxLength: 6 }) },
          // Just over and at the documented limit of 100 items.
          {
            weight: 1,
            arbitrary: fc.integer({ min: 99, max: 102 }).chain((n) => fc.array(course, { minLength: n, maxLength: n })),
          },
          { weight: 1, arbitrary: hugeCountOfTinyItems(101) },
        ),
      ),
    },
    { requiredKeys: ['items'] },
  ),
);

export const clockAdvanceBody = withExtras(
  fc.record(
    { ms: mostly(fc.oneof(fc.integer({ min: 0, max: 60_000 }), fc.constantFrom(-1, 0.5, 31_536_000_001, 1e308))) },
    { requiredKeys: ['ms'] },
  ),
);

/** Ways to spoil an encoded body: cut it short, or splice in bytes that are not UTF-8, or junk. */
const invalidUtf8 = fc.constantFrom(
  [0xff],
  [0xc3],
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80],
  [0xc0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
);
export const corruption: fc.Arbitrary<(bytes: Uint8Array) => Uint8Array> = fc.oneof(
  { weight: 24, arbitrary: fc.constant((bytes: Uint8Array) => bytes) },
  {
    weight: 1,
    arbitrary: fc
      .double({ min: 0, max: 1, noNaN: true })
      .map((at) => (bytes: Uint8Array) => bytes.subarray(0, Math.floor(bytes.length * at))),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), invalidUtf8).map(
      ([at, junk]) =>
        (bytes: Uint8Array) =>
          splice(bytes, Math.floor(bytes.length * at), Uint8Array.from(junk)),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(
      ([at, junk]) =>
        (bytes: Uint8Array) =>
          splice(bytes, Math.floor(bytes.length * at), junk),
    ),
  },
);

function splice(bytes: Uint8Array, at: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at), at + insert.length);
  return out;
}

/** Marks body bytes to print as (shortened) text when fast-check reports a failing case. */
export function printable(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  Object.defineProperty(bytes, fc.toStringMethod, {
    value: () =>
      `body(${bytes.length} bytes: ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}...` : text)})`,
  });
  return bytes;
}

/** A JSON request body built from a shaped value, or any other JSON, text or bytes, possibly corrupted. */
export function jsonBody(shaped: fc.Arbitrary<unknown>): fc.Arbitrary<Uint8Array> {
  const text = fc.oneof(
    { weight: 16, arbitrary: shaped.map((value) => expandLeaves(JSON.stringify(value))) },
    { weight: 2, arbitrary: anyValue.map((value) => expandLeaves(JSON.stringify(value) ?? 'null')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', ' ', '\n\n', '{', '{"templates":', 'null', '[]', '{}', '{"items":[]}', '\uFEFF{}'),
    },
  );
  return fc.tuple(text, corruption).map(([body, spoil]) => printable(spoil(encoder.encode(body))));
}

/** Content-Type values: the right ones, near misses, wrong ones, none. */
export function contentType(accepted: readonly string[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...accepted) },
    { weight: 1, arbitrary: fc.constantFrom(...accepted).map((type) => `${type.toUpperCase()}; charset=utf-8`) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        undefined,
        '',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json',
        'application/x-ndjson',
        'text/csv',
        'application/octet-stream',
        'application/json;;;',
        ';',
        '*/*',
      ),
    },
    { weight: 1, arbitrary: headerText(30) },
  );
}

/** Text a header value may hold (node:http refuses control characters in values). */
export function headerText(maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
}

/** Credentials of each spec, right most of the time. */
export function credentials(spec: SpecName): fc.Arbitrary<Record<string, string | undefined>> {
  const valid: Record<SpecName, Record<string, string>> = {
    'thought-industries': { authorization: 'Bearer ti-fuzz-key' },
    stackone: { authorization: `Basic ${encodeBase64('so-fuzz-key:')}`, 'x-account-id': 'acme-fuzz' },
    'learning-builder': { authorization: 'apikey lb-fuzz-key' },
    control: {},
  };
  const wrong = fc.record({
    authorization: fc.option(
      fc.oneof(
        fc.constantFrom(
          'Bearer',
          'Basic',
          'apikey',
          'Basic !!!',
          `Basic ${encodeBase64(':')}`,
          `Basic ${encodeBase64('no-colon')}`,
          'Bearer a b',
        ),
        headerText(40),
      ),
      { nil: undefined },
    ),
    'x-account-id': fc.option(headerText(20), { nil: undefined }),
  });
  return fc.oneof({ weight: 12, arbitrary: fc.constant(valid[spec]) }, { weight: 1, arbitrary: wrong });
}

/** One path segment as a client might send it: ids, junk, dot segments, broken percent escapes, latin1 bytes. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.uuid() },
  {
    weight: 3,
    arbitrary: fc.string({
      unit: fc
        .integer({ min: 0x21, max: 0x7e })
        .filter((c) => c !== 0x3f && c !== 0x23)
        .map((c) => String.fromCharCode(c)),
      maxLength: 24,
    }),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map(encodeURIComponent) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2e',
      '%ZZ',
      '%',
      '%c3%28',
      '%ff',
      '%00',
      '..%2f..',
      '%2f',
      '%5c',
      'a%2F..%2Fb',
      '%25',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 4,
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 3_000 }).map((n) => 'a'.repeat(n)) },
);

/** A query string: the right parameters with right or wrong values, repeats, junk and broken escapes. */
export function queryString(parameters: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const pairs = Object.entries(parameters).map(([name, good]) =>
    fc.option(
      fc.tuple(fc.constant(name), fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: queryValue })),
      { freq: 3 },
    ),
  );
  const junk = fc.array(fc.tuple(fc.string({ maxLength: 6 }).map(encodeURIComponent), queryValue), { maxLength: 2 });
  const repeatFirst = fc.oneof(
    { weight: 5, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  );
  return fc.tuple(fc.tuple(...pairs), junk, repeatFirst).map(([chosen, extra, repeat]) => {
    const all = [...chosen.filter((p): p is [string, string] => p !== null), ...extra];
    if (repeat && all[0]) all.push(all[0]);
    return all.length === 0 ? '' : `?${all.map(([name, value]) => `${name}=${value}`).join('&')}`;
  });
}

const queryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '-1', '0', '1', '1.5', '1e400', 'NaN', 'true', '%ZZ', '%', '%00', '99999999999999999999', 'abc'),
  fc.string({ unit: 'binary', maxLength: 16 }).map(encodeURIComponent),
);
