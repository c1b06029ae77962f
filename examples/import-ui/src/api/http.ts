import { valueText } from '../valueText.js';
import type { Connection } from './connection.js';

/** A vendor (or the mock) refused a request; `message` says what it said, in words. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Sends one request and reads a JSON answer. `path` is a path on the connection (`/unified/...`) or a
 * full URL a vendor handed out (Learning Builder's batch link). Any status outside 2xx throws an ApiError
 * carrying the vendor's own message.
 */
export async function requestJson<T>(
  connection: Connection,
  path: string,
  init: RequestInit = {},
): Promise<ApiAnswer<T>> {
  const url = /^https?:\/\//.test(path) ? path : `${connection.baseUrl}${path}`;
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(0, `${method} ${path} did not reach the mock: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok)
    throw new ApiError(
      response.status,
      `${method} ${new URL(url, location.href).pathname} answered ${response.status}: ${describeErrorBody(text) || response.statusText || 'no details'}`,
    );
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(response.status, `${method} ${path} answered ${response.status} with a body that is not JSON`);
    }
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/**
 * The readable part of an error body. Every vendor shapes it differently: Thought Industries
 * `{ errors: [{ message, row?, field? }] }` (and an empty body on 401), StackOne and Learning Builder
 * `{ message }`, the mock's control API `{ error: { message } }`.
 */
function describeErrorBody(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.slice(0, 300);
  }
  if (typeof body !== 'object' || body === null) return String(body);
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.errors)) {
    return (record.errors as Array<Record<string, unknown>>)
      .map((e) =>
        [
          e.row !== undefined ? `row ${valueText(e.row)}` : null,
          typeof e.field === 'string' ? e.field : null,
          valueText(e.message ?? e.code),
        ]
          .filter(Boolean)
          .join(': '),
      )
      .join('; ');
  }
  if (typeof record.error === 'object' && record.error !== null)
    return valueText((record.error as Record<string, unknown>).message);
  if (typeof record.message === 'string') return record.message;
  return text.slice(0, 300);
}
