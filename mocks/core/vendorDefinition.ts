import type { OpenApiDocument } from '../spec/openApiDocument.js';
import type { Rejection } from '../spec/requestValidation.js';
import type { CreateMockOptions } from './mockCore.js';
import type { MockResponse } from './mockResponse.js';
import type { ErrorDetail, MockState, OperationCall } from './simulator.js';

/** A status's error code and its plain-words meaning, for injected and forced errors. */
export type StatusText = readonly [code: string, message: string];

/** How a vendor's error answers look. */
export interface VendorErrors {
  /** The vendor's error answer for a status, in its documented (or designed) shape. */
  answer(status: number, code: string, message: string, details: ErrorDetail[], mock: MockState): MockResponse;
  /**
   * Texts for statuses only this vendor documents (or words differently), used when a status is
   * injected by --error-rate or forced by `Prefer: code=`; the core's table covers the common ones.
   */
  statuses?: Readonly<Record<number, StatusText>>;
}

/**
 * Per-instance state a vendor keeps (its stores): any object. When it has a `reset()` method, the
 * core calls it on every reset, to forget what was made at run time.
 */
export type VendorState = object;

/**
 * The handler of one operation. `Operation` is the generated type of the operation (openapi-typescript's
 * `operations[id]`), so a handler can name its body and answer types with `JsonBody` and `JsonAnswer`.
 */
export type OperationHandler<S extends VendorState = VendorState, _Operation = unknown> = (
  call: OperationCall<S>,
) => MockResponse | Promise<MockResponse>;

/**
 * One handler per operation id of the spec: keyed by openapi-typescript's `operations` interface,
 * so a missing or misspelled handler fails the type check instead of answering 501 at run time.
 */
export type OperationHandlers<Operations, S extends VendorState> = {
  [Id in keyof Operations]: OperationHandler<S, Operations[Id]>;
};

/** The JSON request body of a generated operation type. */
export type JsonBody<Operation> = Operation extends { requestBody?: { content: { 'application/json': infer Body } } }
  ? Body
  : never;

/** The JSON answer of a generated operation type for one status. */
export type JsonAnswer<Operation, Status extends number> = Operation extends {
  responses: { [S in Status]: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** The query parameters of a generated operation type (read by `readParameters`, already checked against the spec). */
export type QueryParams<Operation> = Operation extends { parameters: { query?: infer Query } }
  ? Partial<NonNullable<Query>>
  : never;

/** What a vendor's state factory may read from the options the mock was made with. */
export type VendorSetup = Omit<CreateMockOptions, 'vendors' | 'notServed'>;

/**
 * One vendor, described in one place: its spec, where its paths start, how it checks credentials,
 * how its errors look, one handler per operation of the spec, and the state it keeps.
 */
export interface VendorDefinition<Operations = Record<string, unknown>, S extends VendorState = VendorState> {
  /** The vendor's name: `--vendor <name>`, job and request-log `vendor`, and the spec's name. */
  readonly name: string;
  /** How people call it, for banners and docs (default: the spec's `info.title`). */
  readonly title: string;
  /** The OpenAPI document (an object, already parsed): routes, validation and examples come from it. */
  readonly spec: OpenApiDocument;
  /** Where the document comes from, for messages. */
  readonly specFile: string;
  /** Where the vendor's paths start (`/unified/`): an unknown path under them gets the vendor's 404. */
  readonly prefixes: readonly string[];
  /** null when the request may proceed, otherwise the refusal (answered in the vendor's error shape). */
  readonly auth: (call: OperationCall<S>) => Rejection | null;
  readonly errors: VendorErrors;
  readonly operations: OperationHandlers<Operations, S>;
  /** Makes the vendor's state for one mock instance. */
  readonly state: (mock: MockState, setup: VendorSetup) => S;
}

/** A definition of any vendor, as the core holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyVendorDefinition = VendorDefinition<any, any>;

export interface VendorDefinitionInput<Operations, S extends VendorState> extends Omit<
  VendorDefinition<Operations, S>,
  'title' | 'state'
> {
  readonly title?: string;
  /** Optional for a vendor that keeps nothing. */
  readonly state?: (mock: MockState, setup: VendorSetup) => S;
}

/**
 * Describes a vendor for `createMockCore({ vendors: [...] })`. Give the generated `operations`
 * interface of its spec as the first type argument, so every operation needs a handler:
 *
 *   import type { operations } from './generated/acme.js';
 *   export const acme = defineVendor<operations, AcmeState>({ name: 'acme', spec, specFile, ... });
 */
export function defineVendor<Operations, S extends VendorState = VendorState>(
  definition: VendorDefinitionInput<Operations, S>,
): VendorDefinition<Operations, S> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) {
    throw new RangeError(`defineVendor: the name "${definition.name}" must be lower-case letters, digits and dashes`);
  }
  if (definition.prefixes.length === 0) throw new RangeError(`defineVendor: ${definition.name} names no path prefix`);
  for (const prefix of definition.prefixes) {
    if (!prefix.startsWith('/') || !prefix.endsWith('/'))
      throw new RangeError(`defineVendor: the prefix "${prefix}" of ${definition.name} must start and end with /`);
  }
  return {
    ...definition,
    title: definition.title ?? definition.spec.info?.title ?? definition.name,
    state: definition.state ?? (() => ({}) as S),
  };
}

/** A handler for an operation bulkmock does not simulate yet: the documented shape of a 501. */
export function notSimulated(call: OperationCall): MockResponse {
  return call.error(501, 'not_implemented', `bulkmock does not simulate ${call.match.entry.operationId} yet`);
}
