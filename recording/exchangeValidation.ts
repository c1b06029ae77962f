import { bodyFromBytes, type MockRequest } from '../mocks/core/mockRequest.js';
import { readParameters, validateRequestBody, type CheckedCall } from '../mocks/spec/requestValidation.js';
import { validateResponse } from '../mocks/spec/responseValidation.js';
import { createRouteTable, type RouteMatch, type RouteTable } from '../mocks/spec/routeTable.js';
import { describeSchemaErrors, SpecValidators } from '../mocks/spec/schemaValidators.js';
import { listOperations, type Vendor } from '../mocks/spec/specRegistry.js';

export interface ExchangeViolation {
  side: 'request' | 'response';
  /** `status`, `header <name>`, `query <name>`, or a JSON pointer into the body. */
  where: string;
  message: string;
}

export interface RecordedExchange {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  requestHeaders: Record<string, string>;
  /** null when the body was not recorded whole. */
  requestBody: string | null;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string | null;
}

/**
 * Checks one exchange against a vendor's spec as it passes the recording proxy, with the same
 * route table and validators the mock uses: the operation exists, its parameters and JSON body
 * keep their schemas, and the answer has a documented status, its required headers and a body
 * that validates.
 */
export class ExchangeValidator {
  readonly routes: RouteTable;
  private readonly validators = new SpecValidators();

  constructor(readonly vendor: Vendor) {
    this.routes = createRouteTable(listOperations([vendor]));
  }

  match(method: string, path: string): RouteMatch | null {
    const lookup = this.routes.lookup(method, path);
    return lookup.kind === 'found' ? lookup.match : null;
  }

  validate(exchange: RecordedExchange): { operationId: string | null; violations: ExchangeViolation[] } {
    const match = this.match(exchange.method, exchange.path);
    if (!match)
      return {
        operationId: null,
        violations: [
          {
            side: 'request',
            where: 'path',
            message: `${this.vendor} has no operation at ${exchange.method} ${exchange.path}`,
          },
        ],
      };
    const violations: ExchangeViolation[] = [];
    const request: MockRequest = {
      method: exchange.method,
      path: exchange.path,
      query: exchange.query,
      headers: exchange.requestHeaders,
      body: bodyFromBytes(''),
    };
    const call: CheckedCall = { request, match, state: { validators: this.validators } };
    for (const problem of readParameters(call).problems)
      violations.push({ side: 'request', where: `parameter ${problem.field ?? ''}`.trim(), message: problem.message });
    if (
      exchange.requestBody !== null &&
      (exchange.requestHeaders['content-type'] ?? '').includes('json') &&
      exchange.requestBody.trim() !== ''
    ) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(exchange.requestBody);
      } catch (error) {
        violations.push({
          side: 'request',
          where: 'body',
          message: `the request body is not valid JSON (${(error as Error).message})`,
        });
      }
      if (parsed !== undefined) {
        for (const p of describeSchemaErrors(validateRequestBody(call, parsed)))
          violations.push({ side: 'request', where: p.pointer || '/', message: p.message });
      }
    }
    if (exchange.responseBody !== null) {
      for (const p of validateResponse(this.validators, match.entry, {
        status: exchange.status,
        headers: exchange.responseHeaders,
        body: exchange.responseBody,
      })) {
        violations.push({ side: 'response', where: p.where, message: p.message });
      }
    }
    return { operationId: match.entry.operationId, violations };
  }
}

/** One line per violation, as the proxy prints them and as they go into the HAR entry's comment. */
export function describeViolations(violations: readonly ExchangeViolation[]): string {
  return violations.map((v) => `${v.side} ${v.where}: ${v.message}`).join('; ');
}
