/**
 * Types for a client of bulkmock's control API (`/__bulkmock/`) (`bulkmock/types/control`): openapi-typescript's `paths`, `components`
 * and `operations`, generated from openapi/bulkmock-control.yaml. For openapi-fetch:
 *
 *   import createClient from 'openapi-fetch';
 *   import type { paths } from 'bulkmock/types/control';
 *   const client = createClient<paths, 'application/json'>({ baseUrl: 'http://127.0.0.1:4010' }); // paths carry their prefix
 */
export type { paths, components, operations } from '../openapi/generated/bulkmock-control.js';
import type { components } from '../openapi/generated/bulkmock-control.js';

/** Every schema of the spec by name, e.g. `Schemas['MockJob']`. */
export type Schemas = components['schemas'];
