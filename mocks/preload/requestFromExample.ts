import { bodyFromBytes, type MockRequest } from '../core/mockRequest.js';
import type { MediaTypeObject, ParameterObject, ResponseObject } from '../spec/openApiDocument.js';
import { operationParameters } from '../spec/operationParameters.js';
import { requestBodyOf } from '../spec/operationRequestBody.js';
import { resolveLocal } from '../spec/specRefs.js';
import { documents, type OperationEntry } from '../spec/specRegistry.js';

/** One named request example of an operation, with the media type it is written for. */
export interface RequestExample {
  name: string;
  contentType: string;
  value: unknown;
}

/** The named request-body examples of an operation, each name once (the first media type that has it). */
export function requestExamples(entry: OperationEntry): RequestExample[] {
  const document = documents[entry.spec];
  const body = requestBodyOf(entry)?.body;
  if (!body) return [];
  const found = new Map<string, RequestExample>();
  for (const [contentType, media] of Object.entries<MediaTypeObject>(body.content ?? {})) {
    for (const [name, raw] of Object.entries(media.examples ?? {})) {
      if (found.has(name)) continue;
      found.set(name, { name, contentType, value: resolveLocal<{ value?: unknown }>(document, raw).value });
    }
  }
  return [...found.values()];
}

/** The value of a named example in an operation's success (2xx) answers, or undefined. */
export function successExample(entry: OperationEntry, name: string): unknown {
  const document = documents[entry.spec];
  for (const [code, raw] of Object.entries(entry.operation.responses ?? {})) {
    if (!/^2\d\d$/.test(code)) continue;
    const response = resolveLocal<ResponseObject>(document, raw);
    for (const media of Object.values<MediaTypeObject>(response.content ?? {})) {
      const example = media.examples?.[name];
      if (example) return resolveLocal<{ value?: unknown }>(document, example).value;
    }
  }
  return undefined;
}

/** The values of every named example in an operation's success (2xx) answers. */
export function successExamples(entry: OperationEntry): unknown[] {
  const document = documents[entry.spec];
  const values: unknown[] = [];
  for (const [code, raw] of Object.entries(entry.operation.responses ?? {})) {
    if (!/^2\d\d$/.test(code)) continue;
    const response = resolveLocal<ResponseObject>(document, raw);
    for (const media of Object.values<MediaTypeObject>(response.content ?? {})) {
      for (const example of Object.values(media.examples ?? {}))
        values.push(resolveLocal<{ value?: unknown }>(document, example).value);
    }
  }
  return values;
}

/** The operation's parameters, path-level ones included, resolved. */
export function parametersOf(entry: OperationEntry): ParameterObject[] {
  return operationParameters(entry).map((p) => p.parameter);
}

/**
 * A parameter's value for the example `name`: its example of that name, else its single `example`,
 * else (when required) its first named example.
 */
export function parameterValue(parameter: ParameterObject, name: string | null): unknown {
  const named = parameter.examples as Record<string, { value?: unknown }> | undefined;
  if (name !== null && named?.[name] !== undefined) return named[name].value;
  if (parameter.example !== undefined) return parameter.example;
  if (parameter.required && named) return Object.values(named)[0]?.value;
  return undefined;
}

/** A parameter's example as URL or header text: a scalar as written, anything else as JSON. */
function parameterText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** The request the example `name` describes: its parameters' examples and its body. */
export function requestFromExample(
  entry: OperationEntry,
  example: RequestExample | null,
  name: string | null = example?.name ?? null,
): MockRequest {
  let path = entry.pathTemplate;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of parametersOf(entry)) {
    const value = parameterValue(parameter, name);
    if (value === undefined || value === null) continue;
    const text = parameterText(value);
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(text));
    else if (parameter.in === 'query') query.set(parameter.name, text);
    else if (parameter.in === 'header') headers[parameter.name.toLowerCase()] = text;
  }
  if (example) headers['content-type'] = example.contentType;
  const text =
    example === null ? '' : typeof example.value === 'string' ? example.value : JSON.stringify(example.value);
  return { method: entry.method.toUpperCase(), path, query, headers, body: bodyFromBytes(text) };
}
