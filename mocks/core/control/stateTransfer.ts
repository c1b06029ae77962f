import { exportState, importState, StateDocumentError } from '../../state/stateDocument.js';
import { isRejection, readJsonBody } from '../../spec/requestValidation.js';
import { jsonResponse, type MockResponse } from '../mockResponse.js';
import type { MockState, OperationCall } from '../simulator.js';

type StateCall = OperationCall<{ mock: MockState }>;

/** GET /__bulkmock/state: the whole state as one `bulkmock-state` document (the HTTP adapter writes a long one in pieces). */
export function getState({ vendor: { mock } }: StateCall): MockResponse {
  return jsonResponse(200, exportState(mock));
}

/**
 * PUT /__bulkmock/state: replaces the state with the document sent. importState checks the whole
 * document before it touches anything, so a refused one leaves the mock as it was.
 */
export async function putState(call: StateCall): Promise<MockResponse> {
  const { mock } = call.vendor;
  const body = await readJsonBody(call);
  if (isRejection(body))
    return call.error(body.status, body.status === 415 ? 'unsupported_media_type' : 'invalid_state', body.message);
  try {
    const counts = importState(mock, body);
    return jsonResponse(200, { imported: true, ...counts, now: new Date(mock.clock.now()).toISOString() });
  } catch (error) {
    if (error instanceof StateDocumentError) return call.error(400, 'invalid_state', error.message);
    throw error;
  }
}
