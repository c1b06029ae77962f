import { isReference, type OpenApiDocument, type ReferenceObject, type ResponseObject } from './openApiDocument.js';
import { refKeys, resolveLocal } from './specRefs.js';
import { documents, type OperationEntry } from './specRegistry.js';

/** The response an operation documents for one status, with where the spec writes it. */
export interface DocumentedResponse {
  /** The `responses` key that covers the status: the status itself, its range (`4XX`) or `default`. */
  key: string;
  /** The response object, its reference followed. */
  response: ResponseObject;
  /** Keys of the operation's `responses` entry. */
  declaredAt: string[];
  /** Keys of the response object itself: the reference's target, or `declaredAt`. */
  definedAt: string[];
  referenced: boolean;
}

/** The `responses` key that covers a status, as OpenAPI picks it: exact, then range (`5XX`), then `default`. */
export function responseKeyFor(responses: Readonly<Record<string, unknown>>, status: number): string | null {
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return [exact, range, 'default'].find((key) => responses[key] !== undefined) ?? null;
}

/** What an operation documents for a status, or null when it documents nothing that covers it. */
export function responseFor(
  entry: OperationEntry,
  status: number,
  document: OpenApiDocument = documents[entry.spec],
): DocumentedResponse | null {
  const responses = entry.operation.responses ?? {};
  const key = responseKeyFor(responses, status);
  if (key === null) return null;
  const raw = responses[key] as ResponseObject | ReferenceObject;
  const declaredAt = ['paths', entry.pathTemplate, entry.method, 'responses', key];
  const referenced = isReference(raw);
  return {
    key,
    response: resolveLocal<ResponseObject>(document, raw),
    declaredAt,
    definedAt: referenced ? refKeys(raw) : declaredAt,
    referenced,
  };
}

/** The statuses an operation documents (three-digit keys only, not ranges or `default`), in spec order. */
export function documentedStatuses(entry: OperationEntry): number[] {
  return Object.keys(entry.operation.responses ?? {})
    .filter((code) => /^\d{3}$/.test(code))
    .map(Number);
}

export interface SpecExample {
  status: number;
  contentType: string;
  value: unknown;
}

/**
 * A named example of an operation's responses (`name` null: the first one), from the lowest status
 * up, narrowed to `status` when given. A media type's single `example` serves when no name is asked.
 */
export function findExample(entry: OperationEntry, name: string | null, status: number | null): SpecExample | null {
  const document = documents[entry.spec];
  const responses = Object.entries(entry.operation.responses ?? {})
    .filter(([code]) => /^\d{3}$/.test(code) && (status === null || Number(code) === status))
    .sort(([a], [b]) => Number(a) - Number(b));
  for (const [code, raw] of responses) {
    const response = resolveLocal<ResponseObject>(document, raw);
    for (const [contentType, media] of Object.entries(response.content ?? {})) {
      const examples = Object.entries(media.examples ?? {});
      const chosen = name === null ? examples[0] : examples.find(([key]) => key === name);
      if (chosen) {
        const example = resolveLocal<{ value?: unknown }>(document, chosen[1]);
        return { status: Number(code), contentType, value: example.value };
      }
      if (name === null && media.example !== undefined)
        return { status: Number(code), contentType, value: media.example };
    }
  }
  return null;
}

/** Every example name an operation's responses offer, for error messages. */
export function exampleNames(entry: OperationEntry): string[] {
  const document = documents[entry.spec];
  const names = new Set<string>();
  for (const raw of Object.values(entry.operation.responses ?? {})) {
    const response = resolveLocal<ResponseObject>(document, raw);
    for (const media of Object.values(response.content ?? {}))
      for (const key of Object.keys(media.examples ?? {})) names.add(key);
  }
  return [...names];
}
