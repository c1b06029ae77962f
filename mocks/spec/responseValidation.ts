import { valueAtPointer } from './jsonPointer.js';
import { mediaType as mediaTypeOf } from './mediaType.js';
import { isReference } from './openApiDocument.js';
import { responseFor } from './operationResponses.js';
import { describeSchemaErrors, type SpecValidators } from './schemaValidators.js';
import { refKeys, resolveLocal } from './specRefs.js';
import { documents, type OperationEntry } from './specRegistry.js';

export interface ResponseProblem {
  /** Where: `status`, `header retry-after`, or a JSON pointer into the body. */
  where: string;
  message: string;
  value?: unknown;
  /** The schema keyword that failed, for a body problem (`required`, `format`, ...). */
  keyword?: string;
}

export interface ObservedResponse {
  status: number;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** The body as received; '' for none. */
  body: string;
}

/**
 * Checks an answer against what the operation's spec promises: a documented status, the headers
 * it marks required (with their schemas), and a body of a documented media type whose content
 * validates. Returns every problem found; none means the answer keeps the contract.
 */
export function validateResponse(
  validators: SpecValidators,
  entry: OperationEntry,
  response: ObservedResponse,
): ResponseProblem[] {
  const document = documents[entry.spec];
  const documented = responseFor(entry, response.status);
  if (documented === null) {
    return [
      {
        where: 'status',
        message: `${entry.operationId} does not document status ${response.status} (documented: ${Object.keys(entry.operation.responses ?? {}).join(', ')})`,
        value: response.status,
      },
    ];
  }
  const { response: spec, definedAt: base } = documented;
  const problems: ResponseProblem[] = [];

  for (const [name, rawHeader] of Object.entries(spec.headers ?? {})) {
    const header = resolveLocal<{ required?: boolean; schema?: { type?: unknown } }>(document, rawHeader);
    const headerKeys = isReference(rawHeader) ? refKeys(rawHeader) : [...base, 'headers', name];
    const value = response.headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required)
        problems.push({
          where: `header ${name}`,
          message: `${entry.operationId} ${response.status}: the required header ${name} is missing`,
        });
      continue;
    }
    const types = ([] as unknown[]).concat(header.schema?.type ?? []);
    const typed =
      (types.includes('integer') || types.includes('number')) && value.trim() !== '' && !Number.isNaN(Number(value))
        ? Number(value)
        : value;
    const validate = validators.at(entry.spec, [...headerKeys, 'schema']);
    if (!validate(typed)) {
      for (const p of describeSchemaErrors(validate.errors))
        problems.push({
          where: `header ${name}`,
          message: `${entry.operationId} ${response.status}: header ${name} ${p.message.replace(/^the body /, '')}`,
          value,
        });
    }
  }

  const content = spec.content ?? {};
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) {
    if (response.body !== '')
      problems.push({
        where: 'body',
        message: `${entry.operationId} ${response.status}: the spec documents no body, but one was sent`,
        value: response.body.slice(0, 200),
      });
    return problems;
  }
  const actualType = mediaTypeOf(response.headers);
  const mediaType =
    mediaTypes.find((m) => m === actualType) ??
    mediaTypes.find((m) => m.endsWith('/*') && actualType.startsWith(m.slice(0, -1)));
  if (!mediaType) {
    problems.push({
      where: 'header content-type',
      message: `${entry.operationId} ${response.status}: Content-Type "${actualType}" is not documented (documented: ${mediaTypes.join(', ')})`,
      value: actualType,
    });
    return problems;
  }
  let body: unknown = response.body;
  if (mediaType.includes('json')) {
    try {
      body = JSON.parse(response.body);
    } catch (error) {
      problems.push({
        where: 'body',
        message: `${entry.operationId} ${response.status}: the body is not valid JSON (${(error as Error).message})`,
        value: response.body.slice(0, 200),
      });
      return problems;
    }
  }
  if (!content[mediaType]?.schema) return problems;
  const validate = validators.at(entry.spec, [...base, 'content', mediaType, 'schema']);
  if (!validate(body)) {
    for (const p of describeSchemaErrors(validate.errors)) {
      problems.push({
        where: p.pointer || '/',
        message: `${entry.operationId} ${response.status}: ${p.message} (at ${p.pointer || '/'})`,
        value: valueAtPointer(body, p.pointer),
        keyword: p.keyword,
      });
    }
  }
  return problems;
}
