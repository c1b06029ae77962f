import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractSuite } from '../../contracts/index.js';
import { setupBulkmockServer } from '../../mocks/adapters/msw/node.js';
import { vendors } from '../../mocks/spec/specRegistry.js';
import { notPassed } from './support/reportQueries.js';

// MSW's setupServer answers the global fetch in this process: no port, no socket.
const { server } = setupBulkmockServer({ timing: { mode: 'instant' } });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('the contract suite against the in-process MSW mock', () => {
  it.each(vendors)('passes every %s check', async (vendor) => {
    // No fetch option: the suite uses the global fetch, which MSW answers.
    const report = await runContractSuite({ vendor, target: 'http://localhost:4010', timeoutMs: 5_000 });
    expect(notPassed(report)).toEqual([]);
    expect(report.target.kind).toBe('bulkmock');
  });
});
