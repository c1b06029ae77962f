import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { speedUpDateFormats } from './dateFormatFastPaths.js';
import { escapeSegment, pointerToField } from './jsonPointer.js';
import { documents, type SpecName } from './specRegistry.js';

/** The base URI each document is registered under, so `$ref`s into it resolve. */
function documentId(spec: SpecName): string {
  return `https://bulkmock.local/openapi/${spec}.json`;
}

/** A JSON pointer (array of raw keys) as a URI fragment. */
function fragment(keys: readonly string[]): string {
  return '#/' + keys.map((k) => encodeURIComponent(escapeSegment(k))).join('/');
}

/**
 * How a validator treats the data it checks:
 *   check     reports only (responses, contract checks)
 *   defaults  fills in schema defaults (stored records carry them)
 *   csv       also converts text cells to the schema's types ("12" -> 12), for CSV rows
 */
export type ValidationMode = 'check' | 'defaults' | 'csv';

function createAjv(mode: ValidationMode): Ajv2020 {
  // strict: false because OpenAPI adds annotation keywords (example, discriminator, x-*) that are
  // not JSON Schema vocabulary; they carry no validation meaning.
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateFormats: true,
    useDefaults: mode !== 'check',
    coerceTypes: mode === 'csv',
  });
  addFormats.default(ajv);
  speedUpDateFormats(ajv);
  for (const [spec, document] of Object.entries(documents) as Array<[SpecName, object]>) {
    ajv.addSchema(document, documentId(spec), undefined, false);
  }
  return ajv;
}

/**
 * Validators compiled from the OpenAPI documents, once, and cached. Nothing here knows a field name:
 * every rule comes from the specs.
 */
export class SpecValidators {
  private readonly instances = new Map<ValidationMode, Ajv2020>();
  private readonly cache = new Map<string, ValidateFunction>();

  /** Validates against any schema in a document, addressed by its path of keys. */
  at(spec: SpecName, keys: readonly string[], mode: ValidationMode = 'check'): ValidateFunction {
    const ref = documentId(spec) + fragment(keys);
    const cacheKey = `${mode}:${ref}`;
    let validate = this.cache.get(cacheKey);
    if (!validate) {
      let ajv = this.instances.get(mode);
      if (!ajv) this.instances.set(mode, (ajv = createAjv(mode)));
      validate = ajv.compile({ $ref: ref });
      this.cache.set(cacheKey, validate);
    }
    return validate;
  }

  /** `components.schemas.<name>` of a spec. */
  schema(spec: SpecName, name: string, mode: ValidationMode = 'check'): ValidateFunction {
    return this.at(spec, ['components', 'schemas', name], mode);
  }
}

export interface SchemaProblem {
  /** JSON pointer to the offending value. */
  pointer: string;
  /** The offending field as a readable path (`items[2].title`), or null for the root. */
  field: string | null;
  /** The ajv keyword that failed (required, format, ...). */
  keyword: string;
  message: string;
}

/** The most problems one answer lists; past it, one last problem gives the total. */
export const maxListedProblems = 1_000;

/**
 * Turns ajv's errors into messages a user can act on: which field, what is wrong, what is expected.
 * At most `maxListedProblems` are listed, then one `truncated` problem that says how many there were,
 * so an answer never grows with the size of a hostile body.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  if (!errors) return [];
  const meaningful = errors.filter(
    (e) => !['anyOf', 'oneOf', 'allOf', 'if', 'then', 'else', '$ref'].includes(e.keyword),
  );
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  let total = 0;
  for (const error of meaningful.length > 0 ? meaningful : errors) {
    const problem = describeOne(error);
    const key = `${problem.pointer}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    total += 1;
    if (problems.length < maxListedProblems) problems.push(problem);
  }
  if (total > problems.length) problems.push(truncation(total));
  return problems;
}

/** The problem that ends a list cut at `maxListedProblems`, with the total count. */
function truncation(total: number): SchemaProblem {
  return {
    pointer: '',
    field: null,
    keyword: 'truncated',
    message: `${total} problems in all; only the first ${maxListedProblems} are listed`,
  };
}

function describeOne(error: ErrorObject): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  let pointer = error.instancePath;
  if (error.keyword === 'required') pointer += `/${escapeSegment(String(params.missingProperty))}`;
  if (error.keyword === 'additionalProperties') pointer += `/${escapeSegment(String(params.additionalProperty))}`;
  const field = pointerToField(pointer);
  const name = field ?? 'the body';
  let message: string;
  switch (error.keyword) {
    case 'required':
      message = `${name} is required`;
      break;
    case 'additionalProperties':
      message = `${name} is not an allowed field`;
      break;
    case 'type':
      message = `${name} must be ${article(String(params.type))}`;
      break;
    case 'enum':
      message = `${name} must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'const':
      message = `${name} must be ${JSON.stringify(params.allowedValue)}`;
      break;
    case 'format':
      message = `${name} must be a valid ${String(params.format)}`;
      break;
    case 'pattern':
      message = `${name} must match the pattern ${String(params.pattern)}`;
      break;
    case 'maxLength':
      message = `${name} must be at most ${String(params.limit)} characters`;
      break;
    case 'minLength':
      message =
        Number(params.limit) === 1
          ? `${name} must not be empty`
          : `${name} must be at least ${String(params.limit)} characters`;
      break;
    case 'maxItems':
      // `exceeded`: found before parsing, which stops counting at the first item over the limit.
      message = `${name} must have at most ${String(params.limit)} items${params.exceeded ? '; the request sends more, so no item was read' : ''}`;
      break;
    case 'minItems':
      message = `${name} must have at least ${String(params.limit)} item${Number(params.limit) === 1 ? '' : 's'}`;
      break;
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      message = `${name} must be ${String(params.comparison)} ${String(params.limit)}`;
      break;
    case 'multipleOf':
      message = `${name} must be a multiple of ${String(params.multipleOf)}`;
      break;
    default:
      message = `${name} ${error.message ?? 'is invalid'}`;
  }
  return { pointer, field, keyword: error.keyword, message };
}

function article(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
