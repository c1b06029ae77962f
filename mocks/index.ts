/**
 * bulkmock's transport-free core: build a mock with `createMockCore`, hand it plain requests with
 * `handle`, and read its state. Browser-safe: nothing here imports Node or MSW. Adapters:
 * `bulkmock/node` and `bulkmock/browser` (MSW), and `startMockServer` from `bulkmock/server` (node:http).
 */
export {
  createMockCore,
  builtInVendors,
  type CreateMockOptions,
  type BuiltInVendorName,
  type MockCore,
} from './builtInVendors.js';
export {
  defineVendor,
  notSimulated,
  type VendorDefinition,
  type VendorErrors,
  type VendorState,
  type VendorSetup,
  type OperationHandler,
  type OperationHandlers,
  type JsonBody,
  type JsonAnswer,
  type QueryParams,
  type StatusText,
} from './core/vendorDefinition.js';
export type { OperationCall, ErrorDetail, JobFailure, MockState } from './core/simulator.js';
export { jsonResponse, textResponse, emptyResponse } from './core/mockResponse.js';
export {
  isRejection,
  readJsonBody,
  readParameters,
  validateRequestBody,
  type Rejection,
} from './spec/requestValidation.js';
export { createManualClock, systemClock, virtualEpoch, type Clock, type ManualClock } from './core/clock.js';
export {
  bodyFromBytes,
  bodyFromStream,
  PayloadTooLargeError,
  type MockRequest,
  type RequestBody,
} from './core/mockRequest.js';
export { serializeBody, type MockResponse, type ResponseBody } from './core/mockResponse.js';
export { defaultSettings, type MockOptions, type MockSettings } from './core/mockSettings.js';
export { parseKeyRing, type KeyEntry, type KeyRing } from './core/keyRing.js';
export {
  jobStateAt,
  planJob,
  allowedTransitions,
  type JobStatus,
  type TimingMode,
  type JobTiming,
} from './jobs/jobLifecycle.js';
export { documents, listOperations, vendors, type Vendor, type SpecName } from './spec/specRegistry.js';
export { SpecValidators, describeSchemaErrors } from './spec/schemaValidators.js';
export { parseHar, type HarLog, type HarEntry } from './replay/har.js';
export type { ReplayOptions } from './replay/replayLayer.js';
