/** What the "Generate a file" inputs ask for: the same options as `bulkmock generate`. */
export interface GeneratorSettings {
  count: number;
  invalidRate: number;
  seed: number;
}

/** The text of the three inputs, as the user left them. */
export interface GeneratorInputs {
  count: string;
  invalidRate: string;
  seed: string;
}

/** The most entries the page generates, and why (the page's own cap, or the most one request takes). */
export interface CountLimit {
  max: number;
  why: string;
}

export type SettingsReading = { ok: true; settings: GeneratorSettings } | { ok: false; problems: GeneratorProblem[] };

export interface GeneratorProblem {
  input: keyof GeneratorInputs;
  message: string;
}

// The seed range `bulkmock generate --seed` accepts.
const seedRange = { min: -(2 ** 31), max: 2 ** 32 - 1 };

/**
 * Reads the inputs, or says for each wrong one what was wrong and what is expected, so that nothing
 * is generated (and nothing sent) from a value the user did not mean.
 */
export function readGeneratorSettings(inputs: GeneratorInputs, limit: CountLimit, unit: string): SettingsReading {
  const problems: GeneratorProblem[] = [];
  const count = wholeNumber(inputs.count);
  if (count === null || count < 1 || count > limit.max) {
    problems.push({
      input: 'count',
      message: `Number of ${unit}s must be a whole number from 1 to ${limit.max} (${limit.why}); got ${shown(inputs.count)}.`,
    });
  }
  const invalidRate = decimal(inputs.invalidRate);
  if (invalidRate === null || invalidRate < 0 || invalidRate > 1) {
    problems.push({
      input: 'invalidRate',
      message: `Invalid rate must be a share from 0 to 1 (0.2 breaks one ${unit} in five); got ${shown(inputs.invalidRate)}.`,
    });
  }
  const seed = wholeNumber(inputs.seed);
  if (seed === null || seed < seedRange.min || seed > seedRange.max) {
    problems.push({
      input: 'seed',
      message: `Seed must be a whole number from ${seedRange.min} to ${seedRange.max}; got ${shown(inputs.seed)}.`,
    });
  }
  if (problems.length > 0 || count === null || invalidRate === null || seed === null) return { ok: false, problems };
  return { ok: true, settings: { count, invalidRate, seed } };
}

function decimal(text: string): number | null {
  // Number('') is 0: an empty input must not pass as zero.
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function wholeNumber(text: string): number | null {
  const value = decimal(text);
  return value !== null && Number.isSafeInteger(value) ? value : null;
}

/** A number input whose text is not a number reports an empty value. */
const shown = (text: string) =>
  text.trim() === '' ? 'nothing (or something that is not a number)' : `"${text.trim()}"`;
