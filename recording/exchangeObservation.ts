import { formatPointer, valueAtPointer } from '../mocks/spec/jsonPointer.js';
import { isReference } from '../mocks/spec/openApiDocument.js';
import { operationParameters } from '../mocks/spec/operationParameters.js';
import { requestBodyOf } from '../mocks/spec/operationRequestBody.js';
import { responseFor } from '../mocks/spec/operationResponses.js';
import { validateResponse } from '../mocks/spec/responseValidation.js';
import { describeSchemaErrors, type SpecValidators } from '../mocks/spec/schemaValidators.js';
import { refKeys } from '../mocks/spec/specRefs.js';
import { documents, type OperationEntry } from '../mocks/spec/specRegistry.js';
import type { HarEntry } from '../mocks/replay/har.js';
import { schemaPathTo, walkValue } from './schemaWalk.js';

/** Something in one exchange that breaks the spec, with the spec locations it lies under (outermost first). */
export interface ExchangeProblem {
  part: string;
  pointer: string;
  value: unknown;
  message: string;
  /** Spec pointers from outermost to innermost that the problem lies under, for attribution. */
  locations: string[];
  /** A problem in what the client sent only speaks against a rule when the platform accepted it. */
  requestSide: boolean;
  /** The schema keyword that failed, where the validator says (`enum`, `type`, `required`...). */
  keyword?: string;
}

/** Everything one exchange exercises, and every problem it shows, with the spec locations involved. */
export function observeExchange(op: OperationEntry, entry: HarEntry, url: URL, validators: SpecValidators) {
  const document = documents[op.spec];
  const opPointer = op.pointer.slice(1);
  const visited = new Set<string>([opPointer]);
  const problems: ExchangeProblem[] = [];
  const undocumented: Array<{ pointer: string; schema: string; value: unknown }> = [];

  // Parameters the request carried.
  for (const { parameter, declaredAt, definedAt, referenced } of operationParameters(op)) {
    const text =
      parameter.in === 'query'
        ? url.searchParams.get(parameter.name)
        : parameter.in === 'header'
          ? headerOf(entry.request.headers, parameter.name)
          : null;
    if (text === null || text === undefined) continue;
    const locations = [formatPointer(declaredAt), ...(referenced ? [formatPointer(definedAt)] : [])];
    for (const l of locations) visited.add(l);
    const schemaKeys = [...definedAt, 'schema'];
    visited.add(formatPointer(schemaKeys));
    const types = ([] as unknown[]).concat(parameter.schema?.type ?? []);
    const value =
      (types.includes('integer') || types.includes('number')) && text.trim() !== '' && !Number.isNaN(Number(text))
        ? Number(text)
        : text;
    const validate = validators.at(op.spec, schemaKeys);
    if (!validate(value)) {
      for (const p of describeSchemaErrors(validate.errors))
        problems.push({
          part: `request ${parameter.in} ${parameter.name}`,
          pointer: '',
          value,
          message: `the ${parameter.in} parameter ${parameter.name} ${p.message.replace(/^the body /, '')}`,
          locations: [...locations, formatPointer(schemaKeys)],
          requestSide: true,
          keyword: p.keyword,
        });
    }
  }

  // The request body, when JSON.
  const requestBody = requestBodyOf(op);
  const bodyText = entry.request.postData?.text;
  if (requestBody && bodyText && bodyText.trim() !== '') {
    const bodyKeys = requestBody.definedAt;
    visited.add(formatPointer(bodyKeys));
    const content = requestBody.body.content;
    const parsed = parseJson(bodyText);
    if (content['application/json']?.schema && parsed !== undefined) {
      const schemaKeys = [...bodyKeys, 'content', 'application/json', 'schema'];
      for (const p of walkValue(document, schemaKeys, parsed).visited) visited.add(p);
      const validate = validators.at(op.spec, schemaKeys);
      if (!validate(parsed)) {
        for (const p of describeSchemaErrors(validate.errors)) {
          problems.push({
            part: 'request body',
            pointer: p.pointer,
            value: valueAtPointer(parsed, p.pointer),
            message: p.message,
            locations: [formatPointer(bodyKeys), ...schemaPathTo(document, schemaKeys, p.pointer)],
            requestSide: true,
            keyword: p.keyword,
          });
        }
      }
    }
  }

  // The answer: its status, headers and body.
  const status = entry.response.status;
  const documented = responseFor(op, status);
  const responseHeaders: Record<string, string> = {};
  for (const h of entry.response.headers) {
    const lower = h.name.toLowerCase();
    if (!lower.startsWith(':'))
      responseHeaders[lower] = responseHeaders[lower] === undefined ? h.value : `${responseHeaders[lower]}, ${h.value}`;
  }
  const body = entry.response.content.text ?? '';
  const found = validateResponse(validators, op, { status, headers: responseHeaders, body });
  if (documented === null) {
    for (const p of found)
      problems.push({
        part: 'response status',
        pointer: '',
        value: status,
        message: p.message,
        locations: [opPointer],
        requestSide: false,
      });
    return { visited, problems, undocumented };
  }
  const { response, definedAt: responseKeys } = documented;
  const responsePointers = [
    formatPointer(documented.declaredAt),
    ...(documented.referenced ? [formatPointer(responseKeys)] : []),
  ];
  for (const p of responsePointers) visited.add(p);
  for (const [name, rawHeader] of Object.entries(response.headers ?? {})) {
    const headerPointers = [
      formatPointer([...responseKeys, 'headers', name]),
      ...(isReference(rawHeader) ? [formatPointer(refKeys(rawHeader))] : []),
    ];
    for (const p of headerPointers) visited.add(p);
  }
  const mediaType = Object.keys(response.content ?? {}).find((m) => m.includes('json'));
  const parsedBody = parseJson(body);
  const schemaKeys = mediaType ? [...responseKeys, 'content', mediaType, 'schema'] : null;
  if (schemaKeys && parsedBody !== undefined && response.content?.[mediaType!]?.schema) {
    const walked = walkValue(document, schemaKeys, parsedBody);
    for (const p of walked.visited) visited.add(p);
    for (const u of walked.undocumented)
      undocumented.push({ pointer: u.instancePointer, schema: `${op.spec}#${u.schemaPointer}`, value: u.value });
  }
  for (const p of found) {
    if (p.where.startsWith('header ')) {
      const name = p.where.slice('header '.length);
      const declaredName =
        Object.keys(response.headers ?? {}).find((n) => n.toLowerCase() === name.toLowerCase()) ?? name;
      const rawHeader = response.headers?.[declaredName];
      const locations = [
        ...responsePointers,
        formatPointer([...responseKeys, 'headers', declaredName]),
        ...(rawHeader && isReference(rawHeader) ? [formatPointer(refKeys(rawHeader))] : []),
      ];
      problems.push({
        part: `response header ${declaredName}`,
        pointer: '',
        value: p.value ?? null,
        message: p.message,
        locations,
        requestSide: false,
      });
    } else if (p.where.startsWith('/') && schemaKeys) {
      problems.push({
        part: 'response body',
        pointer: p.where === '/' ? '' : p.where,
        value: p.value,
        message: p.message,
        locations: [...responsePointers, ...schemaPathTo(document, schemaKeys, p.where === '/' ? '' : p.where)],
        requestSide: false,
        keyword: p.keyword,
      });
    } else {
      problems.push({
        part: `response ${p.where}`,
        pointer: '',
        value: p.value ?? null,
        message: p.message,
        locations: responsePointers,
        requestSide: false,
      });
    }
  }
  return { visited, problems, undocumented };
}

function headerOf(headers: ReadonlyArray<{ name: string; value: string }>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === wanted)?.value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
