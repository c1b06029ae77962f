import type { Random } from '../../mocks/core/random.js';
import type { KindDefinition } from '../kinds/kindDefinition.js';
import { fieldAt, type FieldFacts } from '../schema/rowSchema.js';
import { locateField } from './rowPaths.js';

export const defectNames = [
  'missingRequired',
  'badDate',
  'endBeforeStart',
  'wrongType',
  'tooLong',
  'duplicateKey',
  'badEnum',
  'badPattern',
  'badEmail',
  'badUrl',
  'outOfRange',
] as const;
export type DefectName = (typeof defectNames)[number];

/** A field a defect can break, found in the row schema: its path and what it holds. */
export interface DefectTarget {
  path: readonly string[];
  /** The start field an `after` rule compares with (end before start). */
  than?: string;
}

export interface DefectContext {
  kind: KindDefinition;
  random: Random;
  /** The key of an earlier valid row of the same batch, or null when there is none. */
  earlierKey: () => string | null;
}

/**
 * One kind of mistake a real import file contains. Each is derived from the row schema (which
 * fields it can hit, the limit it crosses, the values it must avoid), so that a defect is exactly
 * what the mock's validation (the schema plus `x-bulkmock-rules`) reports. Every defect value is
 * wrong in every output format: JSON, JSON Lines and a CSV cell read with the schema's types.
 */
export interface DefectType {
  name: DefectName;
  description: string;
  /** What the mock reports it as: an ajv keyword of the schema, or a rule of `x-bulkmock-rules`. */
  reportedAs: readonly string[];
  targets(kind: KindDefinition): DefectTarget[];
  /** Breaks the row (in place) and returns the name of the broken field, or null when it cannot here. */
  apply(row: Record<string, unknown>, target: DefectTarget, context: DefectContext): string | null;
}

const fieldTargets = (kind: KindDefinition, accept: (field: FieldFacts) => boolean): DefectTarget[] =>
  kind.row.fields.filter(accept).map((field) => ({ path: field.path }));

const facts = (kind: KindDefinition, path: readonly string[]) => fieldAt(kind.row, path);

/** Sets a field to a value made from its current one; absent objects on the way are created only then. */
function setField(
  row: Record<string, unknown>,
  path: readonly string[],
  random: Random,
  make: (current: unknown) => unknown,
): string | null {
  const found = locateField(row, path, random, false);
  const value = make(found ? found.holder[found.key] : undefined);
  if (value === null) return null;
  const slot = found ?? locateField(row, path, random, true);
  if (!slot) return null;
  slot.holder[slot.key] = value;
  return slot.name;
}

const text = (value: unknown, fallback: string) =>
  typeof value === 'string' && value.trim() !== '' ? value : fallback;
const patterns = new Map<string, RegExp>();
/** The field's `pattern` as ajv reads it (an ECMAScript regular expression with the `u` flag), compiled once. */
function patternOf(field: FieldFacts): RegExp | null {
  if (field.pattern === undefined) return null;
  let pattern = patterns.get(field.pattern);
  if (!pattern) patterns.set(field.pattern, (pattern = new RegExp(field.pattern, 'u')));
  return pattern;
}

export const defectTypes: Readonly<Record<DefectName, DefectType>> = {
  missingRequired: {
    name: 'missingRequired',
    description: 'a required field is left out (an empty cell in CSV)',
    reportedAs: ['required'],
    targets: (kind) => fieldTargets(kind, (f) => f.required),
    apply(row, target, { random }) {
      const slot = locateField(row, target.path, random, false);
      if (!slot || slot.holder[slot.key] === undefined) return null;
      delete slot.holder[slot.key];
      return slot.name;
    },
  },

  badDate: {
    name: 'badDate',
    description:
      'a date that is not an RFC 3339 date: a day that does not exist (February 30) or US order (03/09/2027)',
    reportedAs: ['format'],
    targets: (kind) => fieldTargets(kind, (f) => f.format === 'date-time' || f.format === 'date'),
    apply(row, target, { random }) {
      return setField(row, target.path, random, (current) => {
        const value = text(current, '2027-03-09T11:00:00Z');
        const [, year = '2027', month = '03', day = '09', rest = ''] =
          /^(\d{4})-(\d{2})-(\d{2})(.*)$/s.exec(value) ?? [];
        if (random.int(0, 1) === 0) return `${year}-02-30${rest}`;
        const time = /^T(\d{2}:\d{2})/.exec(rest)?.[1];
        return `${month}/${day}/${year}${time ? ` ${time}` : ''}`;
      });
    },
  },

  endBeforeStart: {
    name: 'endBeforeStart',
    description: 'the end is before the start (the start and end of the row are swapped)',
    reportedAs: ['after'],
    targets: (kind) =>
      kind.row.rules.flatMap((rule) => (rule.rule === 'after' ? [{ path: [rule.field], than: rule.than }] : [])),
    apply(row, target) {
      const field = target.path[0]!;
      const end = row[field];
      const start = row[target.than!];
      if (typeof end !== 'string' || typeof start !== 'string' || end === start) return null;
      row[field] = start;
      row[target.than!] = end;
      return field;
    },
  },

  wrongType: {
    name: 'wrongType',
    description: 'a number or yes/no field holds words (capacity "forty", recertificationAutoReset "yes")',
    reportedAs: ['type'],
    // Only non-text fields: in a CSV cell every value is text, so a number in a text field is no mistake.
    targets: (kind) =>
      fieldTargets(
        kind,
        (f) => !f.types.includes('string') && f.types.some((t) => t === 'integer' || t === 'number' || t === 'boolean'),
      ),
    apply(row, target, context) {
      const field = facts(context.kind, target.path);
      return setField(row, target.path, context.random, () =>
        field.types.includes('boolean')
          ? context.random.pick(['yes', 'Y', 'enabled'])
          : context.random.pick(['forty', 'twelve', 'TBD', 'n/a']),
      );
    },
  },

  tooLong: {
    name: 'tooLong',
    description: "a text one character longer than the schema's maxLength",
    reportedAs: ['maxLength'],
    targets: (kind) => fieldTargets(kind, (f) => f.maxLength !== undefined && f.types.includes('string')),
    apply(row, target, context) {
      const field = facts(context.kind, target.path);
      const pattern = patternOf(field);
      // Words joined by hyphens where the pattern allows no spaces (a slug), by spaces otherwise.
      const separator = pattern && !pattern.test('a b') ? '-' : ' ';
      return setField(row, target.path, context.random, (current) => {
        const seed = text(current, 'Session notes').trim();
        const length = field.maxLength! + 1;
        let value = seed;
        while (value.length < length) value += separator + seed;
        value = value.slice(0, length);
        if (/[\s-]$/.test(value)) value = value.slice(0, -1) + 'x';
        return pattern && !pattern.test(value) ? null : value;
      });
    },
  },

  duplicateKey: {
    name: 'duplicateKey',
    description: 'the key of an earlier valid row of the same batch is used again',
    reportedAs: ['unique'],
    targets: (kind) => [{ path: [kind.key] }],
    apply(row, target, { earlierKey }) {
      const key = earlierKey();
      const field = target.path[0]!;
      if (key === null || row[field] === key) return null;
      row[field] = key;
      return field;
    },
  },

  badEnum: {
    name: 'badEnum',
    description: 'a value outside the enum, as people mistype them (Landscape, A4 for a4)',
    reportedAs: ['enum'],
    targets: (kind) => fieldTargets(kind, (f) => (f.enum ?? []).some((v) => typeof v === 'string')),
    apply(row, target, context) {
      const allowed = facts(context.kind, target.path).enum!;
      const base = String(context.random.pick(allowed.filter((v) => typeof v === 'string')));
      const variants = [
        base.charAt(0).toUpperCase() + base.slice(1),
        base.toUpperCase(),
        base.toLowerCase(),
        `${base}s`,
      ];
      const wrong = variants.find((v) => !allowed.includes(v));
      return setField(row, target.path, context.random, () => wrong ?? null);
    },
  },

  badPattern: {
    name: 'badPattern',
    description: "a text that breaks the field's pattern (America New York, en GB, us for US)",
    reportedAs: ['pattern'],
    // Fields whose pattern rejects an inner space, so a mistake that keeps the value readable exists.
    targets: (kind) =>
      fieldTargets(
        kind,
        (f) =>
          f.format === undefined && f.types.includes('string') && patternOf(f) !== null && !patternOf(f)!.test('a b'),
      ),
    apply(row, target, context) {
      const pattern = patternOf(facts(context.kind, target.path))!;
      const slot = locateField(row, target.path, context.random, false);
      const current = slot?.holder[slot.key];
      if (!slot || typeof current !== 'string' || current.length < 2) return null;
      const middle = Math.floor(current.length / 2);
      const candidates = [
        current.replace(/[-_/]/g, ' '),
        current.toLowerCase(),
        current.toUpperCase(),
        `${current.slice(0, middle)} ${current.slice(middle)}`,
      ];
      const wrong = candidates.find((v) => v !== current && v.trim() === v && !pattern.test(v));
      if (wrong === undefined) return null;
      slot.holder[slot.key] = wrong;
      return slot.name;
    },
  },

  badEmail: {
    name: 'badEmail',
    description: 'an e-mail address without its domain or with "at" for @',
    reportedAs: ['format'],
    targets: (kind) => fieldTargets(kind, (f) => f.format === 'email'),
    apply(row, target, { random }) {
      return setField(row, target.path, random, (current) => {
        const [local = 'learner', domain = 'example.com'] = text(current, 'learner@example.com').split('@');
        return random.int(0, 1) === 0 ? local : `${local} at ${domain}`;
      });
    },
  },

  badUrl: {
    name: 'badUrl',
    description: 'a URL without its scheme (zoom.us/j/845...) or with a mistyped one (https//...)',
    reportedAs: ['format'],
    targets: (kind) => fieldTargets(kind, (f) => f.format === 'uri'),
    apply(row, target, { random }) {
      return setField(row, target.path, random, (current) => {
        const rest = text(current, 'https://learn.example.com/courses').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
        return random.int(0, 1) === 0 ? rest : `https//${rest}`;
      });
    },
  },

  outOfRange: {
    name: 'outOfRange',
    description: "a number one past the schema's minimum or maximum (capacity 0, expirationDays 0)",
    reportedAs: ['minimum', 'maximum'],
    targets: (kind) => fieldTargets(kind, (f) => f.minimum !== undefined || f.maximum !== undefined),
    apply(row, target, context) {
      const { minimum, maximum } = facts(context.kind, target.path);
      const below = minimum === undefined ? null : minimum - 1;
      const above = maximum === undefined ? null : maximum + 1;
      const value = below === null ? above : above === null ? below : context.random.int(0, 1) === 0 ? below : above;
      return setField(row, target.path, context.random, () => value);
    },
  },
};
