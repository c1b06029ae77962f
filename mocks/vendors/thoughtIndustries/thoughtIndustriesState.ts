import { emptyResponse, jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import type { ErrorDetail, OperationCall } from '../../core/simulator.js';
import { isRejection, readJsonBody, type Rejection } from '../../spec/requestValidation.js';
import { dataWrapperName } from '../../spec/specSchemas.js';

/**
 * Thought Industries keeps no state of its own: uploaded assets and imported records are the
 * instance state's (`assets`, and the `thought-industries.*` record collections), which the core's
 * reset clears (files given at start survive it).
 */
export type ThoughtIndustriesCall = OperationCall;

/** Thought Industries' error body: `{ errors: [{ code, message, row?, field?, pointer? }] }`; its 401 is empty. */
export function thoughtIndustriesError(
  status: number,
  code: string,
  message: string,
  details: ErrorDetail[],
): MockResponse {
  // The vendor answers 401 with an empty body.
  if (status === 401) return emptyResponse(401);
  const entries =
    details.length > 0
      ? details.map((d) => ({
          code,
          message: d.message,
          ...(d.row !== undefined && { row: d.row }),
          ...(d.field !== undefined && { field: d.field }),
          ...(d.pointer !== undefined && { pointer: d.pointer }),
        }))
      : [{ code, message }];
  if (details.length > 0 && !details.some((d) => d.message === message)) entries.unshift({ code, message });
  return jsonResponse(status, { errors: entries });
}

const payloadNames = new Map<string, string>();

/** A successful answer, wrapped as the spec's 200 answer of the operation names it. */
export function wrap(operationId: string, payload: unknown): { data: Record<string, unknown> } {
  let name = payloadNames.get(operationId);
  if (!name) payloadNames.set(operationId, (name = dataWrapperName('thought-industries', operationId)));
  return { data: { [name]: payload } };
}

/** The JSON body, or the spec's codes: invalid_json when it cannot be read as JSON, invalid_request otherwise. */
export async function readBody(call: OperationCall): Promise<Record<string, unknown> | Rejection> {
  const body = await readJsonBody(call);
  if (isRejection(body))
    return {
      ...body,
      code:
        body.status === 415
          ? 'unsupported_media_type'
          : body.code === 'invalid_json'
            ? 'invalid_json'
            : 'invalid_request',
    };
  return body as Record<string, unknown>;
}
