import { emptyResponse, jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import type { ErrorDetail, MockState, OperationCall } from '../../core/simulator.js';
import type { VendorSetup } from '../../core/vendorDefinition.js';
import { isRejection, readJsonBody, type Rejection } from '../../spec/requestValidation.js';
import { dataWrapperName } from '../../spec/specSchemas.js';
import { AssetStore } from './assetStore.js';
import { titleKey } from './certificateTemplates.js';
import { RecordStore, type RecordCollection, type RecordKey } from './recordStore.js';

/** A row's `externalId` as text (the row schemas make it a string or a number), or undefined. */
function externalIdKey(fields: Record<string, unknown>): string | undefined {
  const id = fields.externalId;
  if (id === undefined) return undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : JSON.stringify(id);
}

/** Imports upsert by `externalId`; certificate templates are matched by title. */
export const recordKeys = {
  webinars: externalIdKey,
  inPersonEvents: externalIdKey,
  certificateTemplates: (fields: Record<string, unknown>) => titleKey(fields.title),
} satisfies Record<RecordCollection, RecordKey>;

/** What Thought Industries keeps per mock instance: uploaded assets and imported records. */
export interface ThoughtIndustriesState {
  assets: AssetStore;
  records: RecordStore;
  reset(): void;
}

export type ThoughtIndustriesCall = OperationCall<ThoughtIndustriesState>;

/** Import files given at start (`assets`) survive a reset; uploads and records do not. */
export function thoughtIndustriesState(mock: MockState, setup: VendorSetup): ThoughtIndustriesState {
  const assets = new AssetStore(setup.assets, mock.memory);
  const records = new RecordStore(recordKeys, mock.memory);
  return {
    assets,
    records,
    reset() {
      records.clear();
      assets.clearUploads();
    },
  };
}

/** Thought Industries' error body: `{ errors: [{ code, message, row?, field?, pointer? }] }`; its 401 is empty. */
export function thoughtIndustriesError(status: number, code: string, message: string, details: ErrorDetail[]): MockResponse {
  // The vendor answers 401 with an empty body.
  if (status === 401) return emptyResponse(401);
  const entries = details.length > 0
    ? details.map((d) => ({ code, message: d.message, ...(d.row !== undefined && { row: d.row }), ...(d.field !== undefined && { field: d.field }), ...(d.pointer !== undefined && { pointer: d.pointer }) }))
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
  if (isRejection(body)) return { ...body, code: body.status === 415 ? 'unsupported_media_type' : body.code === 'invalid_json' ? 'invalid_json' : 'invalid_request' };
  return body as Record<string, unknown>;
}
