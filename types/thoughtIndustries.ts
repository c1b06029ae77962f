/**
 * Types for a client of Thought Industries' bulk-import API (`bulkmock/types/thought-industries`): openapi-typescript's `paths`, `components`
 * and `operations`, generated from openapi/thought-industries.yaml. For openapi-fetch:
 *
 *   import createClient from 'openapi-fetch';
 *   import type { paths } from 'bulkmock/types/thought-industries';
 *   const client = createClient<paths, 'application/json'>({ baseUrl: 'http://127.0.0.1:4010' }); // paths carry their prefix
 */
export type { paths, components, operations } from '../openapi/generated/thought-industries.js';
import type { components } from '../openapi/generated/thought-industries.js';

/** Every schema of the spec by name, e.g. `Schemas['BackgroundJob']`. */
export type Schemas = components['schemas'];
