/**
 * Types for a client of Learning Builder's import queue API (`bulkmock/types/learning-builder`): openapi-typescript's `paths`, `components`
 * and `operations`, generated from openapi/learning-builder.yaml. For openapi-fetch:
 *
 *   import createClient from 'openapi-fetch';
 *   import type { paths } from 'bulkmock/types/learning-builder';
 *   const client = createClient<paths, 'application/json'>({ baseUrl: 'http://127.0.0.1:4010' }); // paths carry their prefix
 */
export type { paths, components, operations } from '../openapi/generated/learning-builder.js';
import type { components, operations } from '../openapi/generated/learning-builder.js';

/** Every schema of the spec by name, e.g. `Schemas['QueueBatchDetails']`. */
export type Schemas = components['schemas'];

/**
 * The JSON answer of the batch details page (`queueBatchDetails` links to it). The page also
 * answers HTML to a browser, so a client created without a media type sees `QueueBatchDetails |
 * string`; `createClient<paths, 'application/json'>` or this type keep the JSON one.
 */
export type QueueBatchDetailsJson = operations['getQueueBatchDetails']['responses'][200]['content']['application/json'];
