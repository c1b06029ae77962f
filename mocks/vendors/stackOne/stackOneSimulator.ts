import type { operations } from '../../../openapi/generated/stackone-lms.js';
import { jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import type { ErrorDetail, MockState } from '../../core/simulator.js';
import { defineVendor } from '../../core/vendorDefinition.js';
import { documents, specFiles } from '../../spec/specRegistry.js';
import { content } from './content.js';
import { courses } from './courses.js';
import { checkStackOneCredentials } from './stackOneAuth.js';
import { batchUpsertHandler, listHandler, singleUpsertHandler } from './upsertHandlers.js';

/** StackOne's error body: `statusCode`, `message`, `timestamp` (the mock's clock), `errorCode`, `provider_errors`. */
function stackOneError(
  status: number,
  code: string,
  message: string,
  details: ErrorDetail[],
  mock: MockState,
): MockResponse {
  return jsonResponse(status, {
    statusCode: status,
    message: details.length > 0 ? `${message}: ${details.map((d) => d.message).join('; ')}` : message,
    timestamp: new Date(mock.clock.now()).toISOString(),
    errorCode: code,
    provider_errors: [],
  });
}

/**
 * StackOne unified LMS: courses and content items, each upserted by `external_reference` within
 * the account named by `x-account-id`, in batches (202 at once with one error list per item, the
 * valid items upserted when the batch's job completes) or one at a time (201 once written), and
 * listed a page at a time. Both families share the handlers of upsertHandlers.ts.
 */
export const stackOne = defineVendor<operations>({
  name: 'stackone',
  title: 'StackOne LMS',
  spec: documents.stackone,
  specFile: specFiles.stackone,
  prefixes: ['/unified/'],
  auth: (call) => checkStackOneCredentials(call.request.headers, call.state.settings.keys),
  errors: {
    answer: stackOneError,
    // Only StackOne documents a 412: its linked account belongs to a disabled integration.
    statuses: { 412: ['precondition_failed', 'the linked account belongs to a disabled integration'] },
  },
  // Records live in the instance state (cleared by the core's reset); this only names their collections.
  state: (mock: MockState) => {
    for (const family of [courses, content]) mock.records.define(family.collection, family.settings);
    return {};
  },
  operations: {
    batchUpsertCourses: batchUpsertHandler(courses, 'batchUpsertCourses'),
    upsertCourse: singleUpsertHandler(courses),
    listCourses: listHandler(courses),
    batchUpsertContent: batchUpsertHandler(content, 'batchUpsertContent'),
    upsertContent: singleUpsertHandler(content),
    listContent: listHandler(content),
  },
});
