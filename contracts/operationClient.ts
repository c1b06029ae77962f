import { findOperation, type Vendor } from '../mocks/spec/specRegistry.js';
import type { Exchange, OperationRequest } from './check.js';
import { vendorAuthHeaders, type ContractCredentials } from './credentials.js';
import type { Problem } from './report.js';
import { checkResponseSchema } from './schemaCheck.js';
import { describeFetchError, parseJson, type FetchFunction } from './target.js';

export interface OperationClientOptions {
  base: string;
  vendor: Vendor;
  credentials: ContractCredentials;
  fetch: FetchFunction;
  requestTimeoutMs: number;
  /** Applied to every answer as it arrives, so an echoed credential never reaches a message, whole or cut short. */
  redact: (text: string) => string;
}

/**
 * Sends spec operations to the target by operationId: the path comes from the spec, the answer is
 * checked against the spec, and every problem found goes to `report`.
 */
export function createOperationClient(options: OperationClientOptions) {
  return async function call(request: OperationRequest, report: (problem: Problem) => void): Promise<Exchange> {
    const spec = request.spec ?? options.vendor;
    const entry = findOperation(spec, request.operationId);
    const path = entry.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = request.pathParams?.[name];
      if (value === undefined) throw new Error(`${entry.operationId}: the path parameter ${name} was not given`);
      return encodeURIComponent(value);
    });
    const query =
      request.query && Object.keys(request.query).length > 0 ? `?${new URLSearchParams(request.query)}` : '';
    const headers: Record<string, string> = { accept: 'application/json' };
    if (spec === 'control' || entry.extension) {
      if (options.credentials.controlToken) headers['x-bulkmock-token'] = options.credentials.controlToken;
    } else if (request.auth === undefined || request.auth === 'vendor') {
      Object.assign(headers, vendorAuthHeaders(options.vendor, options.credentials));
    } else if (request.auth !== 'none') {
      Object.assign(headers, request.auth);
    }
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    } else if (request.text !== undefined) {
      body = request.text;
      if (request.contentType) headers['content-type'] = request.contentType;
    }
    Object.assign(headers, request.headers);

    const method = entry.method.toUpperCase();
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(`${options.base}${path}${query}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(options.requestTimeoutMs),
      });
      text = options.redact(await response.text());
    } catch (error) {
      throw new Error(`${entry.operationId}: ${method} ${path} got no answer (${describeFetchError(error)})`, {
        cause: error,
      });
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = options.redact(value);
    });
    for (const problem of checkResponseSchema(entry, { status: response.status, headers: responseHeaders, body: text }))
      report(problem);
    const isJson = (responseHeaders['content-type'] ?? '').includes('json');
    return {
      entry,
      status: response.status,
      headers: responseHeaders,
      text,
      json: isJson ? parseJson(text) : undefined,
    };
  };
}
