/**
 * Types for a client of the StackOne unified LMS API (`bulkmock/types/stackone`): openapi-typescript's `paths`, `components`
 * and `operations`, generated from openapi/stackone-lms.yaml. For openapi-fetch:
 *
 *   import createClient from 'openapi-fetch';
 *   import type { paths } from 'bulkmock/types/stackone';
 *   const client = createClient<paths, 'application/json'>({ baseUrl: 'http://127.0.0.1:4010' }); // paths carry their prefix
 */
export type { paths, components, operations } from '../openapi/generated/stackone-lms.js';
import type { components } from '../openapi/generated/stackone-lms.js';

/** Every schema of the spec by name, e.g. `Schemas['LmsUpsertCourseRequest']`. */
export type Schemas = components['schemas'];
