import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { findOversizedArray, type ArrayLimits } from '../parsing/jsonArraySizes.js';
import { mayNestDeeperThan, maxJsonDepth, nestsDeeperThan } from '../parsing/jsonDepth.js';
import { arrayLimitsOf } from './arrayLimits.js';
import { formatPointer, valueAtKeys } from './jsonPointer.js';
import { mediaType } from './mediaType.js';
import type { JsonSchema, ParameterObject } from './openApiDocument.js';
import { operationParameters } from './operationParameters.js';
import { requestBodyOf } from './operationRequestBody.js';
import type { RouteMatch } from './routeTable.js';
import {
  describeSchemaErrors,
  maxListedProblems,
  type SchemaProblem,
  type SpecValidators,
  type ValidationMode,
} from './schemaValidators.js';
import { documents, type OperationEntry, type SpecName } from './specRegistry.js';

/** Where an error detail points: a field, a row of an import file, a line of a JSON Lines body. */
export interface ErrorDetail {
  message: string;
  field?: string;
  row?: number;
  line?: number;
  pointer?: string;
}

/**
 * The part of a call to an operation that the request checks read: the request, the route it
 * matched, and the mock's compiled validators. A core `OperationCall` is one; so is an exchange
 * the recording proxy checks.
 */
export interface CheckedCall {
  request: {
    /** Header names in lower case. */
    headers: Readonly<Record<string, string>>;
    query: URLSearchParams;
    body: { bytes(): Promise<Uint8Array> };
  };
  match: RouteMatch;
  state: { validators: SpecValidators };
}

/** A request refused before its operation ran: the status and what to tell the client. */
export interface Rejection {
  status: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value && 'message' in value;
}

/**
 * What the request checks read from an operation's spec, worked out on its first request and kept:
 * the documents never change, and these checks run on every request.
 */
interface OperationChecks {
  mediaTypes: readonly string[];
  /** Keys of the JSON request body schema; null when the operation takes no JSON body. */
  jsonBodyKeys: readonly string[] | null;
  /** The `maxItems` of each array of the JSON body, checked before the body is parsed. */
  arrayLimits: ArrayLimits;
  bodyValidators: Map<ValidationMode, ValidatorOf>;
  parameters: ReadonlyArray<{ parameter: ParameterObject; types: readonly unknown[]; validator: ValidatorOf }>;
}

/** One schema's compiled validator, looked up once per SpecValidators (each mock has its own). */
type ValidatorOf = (validators: SpecValidators) => ValidateFunction;

function validatorOf(spec: SpecName, keys: readonly string[], mode: ValidationMode = 'check'): ValidatorOf {
  const byInstance = new WeakMap<SpecValidators, ValidateFunction>();
  return (validators) => {
    let validate = byInstance.get(validators);
    if (!validate) byInstance.set(validators, (validate = validators.at(spec, keys, mode)));
    return validate;
  };
}

const operationChecks = new WeakMap<OperationEntry, OperationChecks>();
const noArrayLimits: ArrayLimits = { at: () => Infinity, smallest: Infinity };

function checksOf(entry: OperationEntry): OperationChecks {
  let checks = operationChecks.get(entry);
  if (checks) return checks;
  const document = documents[entry.spec];
  const requestBody = requestBodyOf(entry);
  const content = requestBody?.body.content ?? {};
  const jsonBodyKeys =
    !requestBody || !content['application/json']
      ? null
      : [...requestBody.definedAt, 'content', 'application/json', 'schema'];
  const bodySchema = jsonBodyKeys ? valueAtKeys(document, jsonBodyKeys) : undefined;
  checks = {
    mediaTypes: Object.keys(content),
    jsonBodyKeys,
    arrayLimits:
      jsonBodyKeys && typeof bodySchema === 'object' && bodySchema !== null
        ? arrayLimitsOf(document, bodySchema as JsonSchema)
        : noArrayLimits,
    bodyValidators: new Map(),
    parameters: operationParameters(entry).map(({ parameter, definedAt }) => ({
      parameter,
      types: ([] as unknown[]).concat(parameter.schema?.type ?? []),
      validator: validatorOf(entry.spec, [...definedAt, 'schema']),
    })),
  };
  operationChecks.set(entry, checks);
  return checks;
}

/** Checks the Content-Type against the spec: a 415 that names what is accepted. */
export function checkMediaType(call: CheckedCall): Rejection | null {
  const accepted = checksOf(call.match.entry).mediaTypes;
  const actual = mediaType(call.request.headers);
  if (accepted.length === 0 || accepted.includes(actual)) return null;
  return {
    status: 415,
    code: 'unsupported_media_type',
    message: `Content-Type ${actual ? `"${actual}"` : 'is missing; it'} must be ${accepted.join(' or ')}`,
  };
}

/** Each decode call is a whole body (no streaming), so one decoder serves every request. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A JSON body with an array over its schema's `maxItems`, found before the body was parsed. Handed
 * on in place of the value: `validateRequestBody` answers it with that one problem, so each
 * operation refuses it the way it refuses any other `maxItems` error, without a single item having
 * been parsed or validated.
 */
class OversizedBody {
  constructor(readonly problem: ErrorObject) {}
}

/**
 * Reads a JSON request body: 415 for the wrong media type, 400 for an empty or malformed body (both
 * a `Rejection`), an `OversizedBody` for one with an array longer than its schema allows, else the value.
 */
export async function readJsonBody(call: CheckedCall): Promise<unknown> {
  const mediaProblem = checkMediaType(call);
  if (mediaProblem) return mediaProblem;
  // A body over the size limit, or cut off, is the core's to answer (413, 400): let it through.
  const bytes = await call.request.body.bytes();
  // Size before content: a limit is checked on the bytes, before any item is decoded, parsed or validated.
  const oversized = findOversizedArray(bytes, checksOf(call.match.entry).arrayLimits, maxJsonDepth);
  if (oversized) {
    const instancePath = formatPointer(oversized.path);
    return new OversizedBody({
      instancePath,
      schemaPath: '#/maxItems',
      keyword: 'maxItems',
      params: { limit: oversized.limit, exceeded: true },
      message: `must NOT have more than ${oversized.limit} items`,
    });
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { status: 400, code: 'invalid_encoding', message: 'the request body is not valid UTF-8' };
  }
  if (text.trim() === '')
    return { status: 400, code: 'empty_body', message: 'the request body is empty; a JSON object is required' };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return {
      status: 400,
      code: 'invalid_json',
      message: `the request body is not valid JSON: ${(error as Error).message}`,
    };
  }
  if (mayNestDeeperThan(bytes, maxJsonDepth) && nestsDeeperThan(value, maxJsonDepth)) {
    return {
      status: 400,
      code: 'invalid_json',
      message: `the request body nests objects and arrays more than ${maxJsonDepth} levels deep, which bulkmock does not accept`,
    };
  }
  return value;
}

/** Validates a parsed body against the operation's request schema in the spec. */
export function validateRequestBody(call: CheckedCall, body: unknown, mode: ValidationMode = 'check'): ErrorObject[] {
  if (body instanceof OversizedBody) return [body.problem];
  const { entry } = call.match;
  const checks = checksOf(entry);
  if (checks.jsonBodyKeys === null) return [];
  let validator = checks.bodyValidators.get(mode);
  if (!validator) checks.bodyValidators.set(mode, (validator = validatorOf(entry.spec, checks.jsonBodyKeys, mode)));
  const validate = validator(call.state.validators);
  return validate(body) ? [] : [...(validate.errors ?? [])];
}

/**
 * Splits schema errors into those inside one element of an array (`/items/3/title`), which a bulk
 * endpoint reports per element, and the rest, which reject the whole request.
 */
export function partitionByElement(
  errors: readonly ErrorObject[],
  arrayPointer: string,
): { perElement: Map<number, SchemaProblem[]>; whole: SchemaProblem[] } {
  const perElement = new Map<number, SchemaProblem[]>();
  const wholeErrors: ErrorObject[] = [];
  const prefix = `${arrayPointer}/`;
  // Bounded like describeSchemaErrors: past the limit an element keeps only its first problem, so
  // that it is still refused.
  let listed = 0;
  for (const error of errors) {
    const match = error.instancePath.startsWith(prefix)
      ? /^(\d+)(.*)$/.exec(error.instancePath.slice(prefix.length))
      : null;
    if (!match) {
      wholeErrors.push(error);
      continue;
    }
    const index = Number(match[1]);
    const known = perElement.get(index);
    if (known && listed >= maxListedProblems) continue;
    const problems = describeSchemaErrors([{ ...error, instancePath: match[2] ?? '' }]);
    listed += problems.length;
    if (known) known.push(...problems);
    else perElement.set(index, problems);
  }
  return { perElement, whole: describeSchemaErrors(wholeErrors) };
}

export interface ParameterValues {
  values: Record<string, unknown>;
  problems: ErrorDetail[];
}

/**
 * Reads and validates an operation's query, header and path parameters against their spec schemas.
 * Values arrive as text; integers, numbers and booleans are converted as their schema says.
 */
export function readParameters(call: CheckedCall): ParameterValues {
  const values: Record<string, unknown> = {};
  const problems: ErrorDetail[] = [];
  for (const { parameter, types, validator } of checksOf(call.match.entry).parameters) {
    const text = rawParameter(call, parameter);
    if (text === undefined) {
      if (parameter.required)
        problems.push({
          field: parameter.name,
          message: `the ${parameter.in} parameter ${parameter.name} is required`,
        });
      continue;
    }
    const value = convert(text, types);
    const validate = validator(call.state.validators);
    if (!validate(value)) {
      for (const problem of describeSchemaErrors(validate.errors)) {
        problems.push({
          field: parameter.name,
          message: `the ${parameter.in} parameter ${parameter.name}${problem.message.replace(/^the body/, '')}`,
        });
      }
      continue;
    }
    values[parameter.name] = value;
  }
  return { values, problems };
}

function rawParameter(call: CheckedCall, parameter: ParameterObject): string | undefined {
  switch (parameter.in) {
    case 'query':
      return call.request.query.get(parameter.name) ?? undefined;
    case 'header':
      return call.request.headers[parameter.name.toLowerCase()];
    case 'path':
      return call.match.pathParams[parameter.name];
    default:
      return undefined;
  }
}

/** A parameter's text as the type its schema names (`types`: the schema's `type`, as a list). */
function convert(text: string, types: readonly unknown[]): unknown {
  if ((types.includes('integer') || types.includes('number')) && text.trim() !== '' && !Number.isNaN(Number(text)))
    return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
