import { formatProblem } from './report.js';
import type { ContractReport } from './report.js';
import { listChecks, runContractSuite, type RunContractSuiteOptions } from './suite.js';

/** The parts of a test runner the suite registers with; vitest's `describe`, `it` and `beforeAll` fit. */
export interface TestRegistrar {
  describe(name: string, body: () => void): void;
  beforeAll(hook: () => Promise<void>, timeoutMs?: number): void;
  it(name: string, test: (context: { skip(note?: string): never }) => void): void;
}

/**
 * Registers a vendor's contract suite as tests: the suite runs once before them, and each check
 * becomes one test that passes, fails with the check's problems, or is skipped with its reason.
 *
 *   import { beforeAll, describe, it } from 'vitest';
 *   describeContract({ describe, it, beforeAll }, { vendor: 'stackone', target: () => server.url });
 *
 * `it`'s test context must offer `skip(note)` (vitest does); a warning passes.
 */
export function describeContract(
  runner: TestRegistrar,
  options: Omit<RunContractSuiteOptions, 'target'> & {
    /** The base URL, or a function giving it once the backend has started (in an outer beforeAll). */
    target: string | (() => string);
    name?: string;
  },
): void {
  runner.describe(options.name ?? `${options.vendor} contract`, () => {
    let report: ContractReport | undefined;
    runner.beforeAll(
      async () => {
        report = await runContractSuite({
          ...options,
          target: typeof options.target === 'function' ? options.target() : options.target,
        });
      },
      (options.timeoutMs ?? 30_000) * 4 + 30_000,
    );
    for (const check of [
      { id: `${options.vendor}.connection`, name: 'the target answers and can be tested' },
      ...listChecks(options.vendor),
    ]) {
      runner.it(check.name, (context) => {
        const result = report?.checks.find((c) => c.id === check.id);
        if (!result) throw new Error(`the contract suite did not run ${check.id}`);
        if (result.status === 'skipped') context.skip(result.reason);
        if (result.status === 'failed') throw new Error(result.problems.map(formatProblem).join('\n'));
      });
    }
  });
}
