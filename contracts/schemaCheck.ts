import { validateResponse, type ObservedResponse } from '../mocks/spec/responseValidation.js';
import { SpecValidators } from '../mocks/spec/schemaValidators.js';
import type { OperationEntry } from '../mocks/spec/specRegistry.js';
import type { Problem } from './report.js';
import { inferredForResponse } from './specFacts.js';

let shared: SpecValidators | null = null;

/** ajv over the same specs the mock validates with, compiled once per process. */
function validators(): SpecValidators {
  return (shared ??= new SpecValidators());
}

/**
 * Checks one answer against what its operation's spec promises: a documented status, every header
 * the spec names (required ones present, all of them valid) and a body of a documented media type
 * that validates. Each problem names the operation, the JSON pointer (or `status`, `header <name>`)
 * and the value found, and carries the spec's reason when the broken rule is one bulkmock designed.
 */
export function checkResponseSchema(entry: OperationEntry, response: ObservedResponse): Problem[] {
  return validateResponse(validators(), entry, response).map((problem) => {
    const designed = inferredForResponse(entry, response.status, problem.where, problem.keyword);
    return {
      message: problem.message,
      operationId: entry.operationId,
      pointer: problem.where,
      ...(problem.value !== undefined && { value: problem.value }),
      ...(designed && { inferred: designed.reason, ruleId: designed.ruleId }),
    };
  });
}
