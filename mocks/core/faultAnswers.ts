import type { OperationEntry } from '../spec/specRegistry.js';
import { documentedStatuses, exampleNames, findExample } from '../spec/operationResponses.js';
import { jsonResponse, type MockResponse } from './mockResponse.js';
import type { StatusText } from './vendorDefinition.js';

/** A vendor's error answers, bound to one mock instance. */
export interface BoundErrors {
  answer(status: number, code: string, message: string): MockResponse;
  statuses?: Readonly<Record<number, StatusText>>;
}

/**
 * What an injected or forced status says when the vendor gives no text of its own: the common
 * meaning of the status. A status only one vendor documents (StackOne's 412) is worded by that
 * vendor's definition (`errors.statuses`).
 */
const commonStatusTexts: Readonly<Record<number, StatusText>> = {
  400: ['bad_request', 'the request is malformed'],
  401: ['unauthorized', 'missing or invalid credentials'],
  403: ['forbidden', 'the credentials do not allow this operation'],
  404: ['not_found', 'the resource does not exist'],
  408: ['request_timeout', 'the request took too long'],
  409: ['conflict', 'the request conflicts with the current state'],
  413: ['payload_too_large', 'the request body is too large'],
  415: ['unsupported_media_type', 'the request body has an unsupported content type'],
  422: ['unprocessable_entity', 'the request could not be processed'],
  429: ['rate_limited', 'too many requests; retry after the number of seconds in Retry-After'],
  500: ['server_error', 'the server failed to handle the request'],
  501: ['not_implemented', 'not implemented for this provider'],
  502: ['bad_gateway', 'the upstream provider answered with an error'],
  503: [
    'service_unavailable',
    'the service is temporarily unavailable; retry after the number of seconds in Retry-After',
  ],
};

/** Statuses whose documented answers carry Retry-After. */
const retryStatuses: ReadonlySet<number> = new Set([429, 503]);
const retryAfterSeconds = '30';

/** A vendor error answer for an injected or forced status, with Retry-After where it belongs. */
export function errorForStatus(errors: BoundErrors, status: number, why: string): MockResponse {
  const [code, message] = errors.statuses?.[status] ?? commonStatusTexts[status] ?? ['error', `status ${status}`];
  const response = errors.answer(status, code, `${message} (${why})`);
  if (retryStatuses.has(status)) response.headers['retry-after'] = retryAfterSeconds;
  return response;
}

/** The answer a client forced with `Prefer: code=` and/or `example=`, or null when it forced none. */
export function forcedResponse(
  errors: BoundErrors,
  entry: OperationEntry,
  code: number | null,
  example: string | null,
): MockResponse | null {
  if (code === null && example === null) return null;
  const refuse = (message: string) => errors.answer(400, 'invalid_prefer_header', message);
  if (code !== null && !documentedStatuses(entry).includes(code)) {
    return refuse(
      `Prefer: code=${code} is not a documented response of ${entry.operationId} (documented: ${documentedStatuses(entry).join(', ')})`,
    );
  }
  const found = findExample(entry, example, code);
  if (example !== null && !found) {
    const available = exampleNames(entry).join(', ') || 'none';
    return refuse(
      `Prefer: example=${example} names no example of ${entry.operationId}${code ? ` for status ${code}` : ''} (available: ${available})`,
    );
  }
  if (found && found.contentType.includes('json')) {
    const extra = retryStatuses.has(found.status) ? { 'retry-after': retryAfterSeconds } : undefined;
    return jsonResponse(found.status, found.value, { 'content-type': found.contentType, ...extra });
  }
  return errorForStatus(errors, code ?? 500, 'forced by Prefer: code');
}
