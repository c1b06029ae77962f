import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateRows } from '../../generators/generateRows.js';
import { generatorKinds, outputFormats } from '../../generators/kinds/kindDefinition.js';
import { fixtureText } from '../../generators/runGenerator.js';

describe('fixtures are a function of kind, seed and options', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const everyFormat = generatorKinds.flatMap((kind) => outputFormats.map((format) => [kind, format] as const));

  it.each(everyFormat)(
    '%s as %s: the same seed and options give byte-identical output and sidecar',
    async (kind, format) => {
      const options = { kind, format, count: 120, seed: 42, invalidRate: 0.25 };
      const first = await fixtureText(options);
      const second = await fixtureText(options);
      expect(second.text).toBe(first.text);
      expect(second.expected).toEqual(first.expected);
    },
  );

  it.each(generatorKinds)('%s: a different seed gives different rows', async (kind) => {
    const one = await fixtureText({ kind, count: 50, seed: 1 });
    const two = await fixtureText({ kind, count: 50, seed: 2 });
    expect(two.text).not.toBe(one.text);
  });

  it.each(generatorKinds)('%s: does not depend on the date it is generated on', async (kind) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-24T09:00:00Z'));
    const today = await fixtureText({ kind, count: 40, seed: 9 });
    vi.setSystemTime(new Date('2031-06-30T23:59:59Z'));
    const later = await fixtureText({ kind, count: 40, seed: 9 });
    expect(later.text).toBe(today.text);
  });

  it.each(generatorKinds)('%s: adding defects changes only the rows they break', (kind) => {
    const clean = [...generateRows(kind, { count: 200, seed: 5 })];
    const mixed = [...generateRows(kind, { count: 200, seed: 5, invalidRate: 0.3 })];
    const untouched = mixed.filter((row) => row.defect === undefined);
    expect(untouched.length).toBe(140);
    for (const row of untouched) expect(row.value).toEqual(clean[row.index]!.value);
    for (const row of mixed.filter((r) => r.defect !== undefined))
      expect(row.value).not.toEqual(clean[row.index]!.value);
  });

  it.each([0, 0.001, 0.1, 0.5, 1])('breaks exactly round(count x rate) rows at rate %s', (invalidRate) => {
    const rows = [...generateRows('lb-record', { count: 1000, seed: 11, invalidRate })];
    expect(rows.filter((row) => row.defect !== undefined).length).toBe(Math.round(1000 * invalidRate));
  });

  it('iterating the same rows twice generates them twice, identically', () => {
    const rows = generateRows('ti-webinar', { count: 25, seed: 3, invalidRate: 0.2 });
    expect([...rows]).toEqual([...rows]);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateRows('ti-webinar', { count: -1, seed: 1 })).toThrow(/count/);
    expect(() => generateRows('ti-webinar', { count: 10, seed: 1.5 })).toThrow(/seed/);
    expect(() => generateRows('ti-webinar', { count: 10, seed: 1, invalidRate: 1.2 })).toThrow(/invalidRate/);
    expect(() => generateRows('ti-certificate-template', { count: 10, seed: 1, defects: ['endBeforeStart'] })).toThrow(
      /cannot carry the defect endBeforeStart/,
    );
  });
});
