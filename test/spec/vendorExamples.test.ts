import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferredForResponse } from '../../contracts/specFacts.js';
import { fixtureText } from '../../generators/index.js';
import { currentFidelityReport } from '../../mocks/spec/fidelity/currentReport.js';
import { validateResponse } from '../../mocks/spec/responseValidation.js';
import { SpecValidators } from '../../mocks/spec/schemaValidators.js';
import { findOperation, type Vendor } from '../../mocks/spec/specRegistry.js';
import { stackOneAuth, useBulkmock } from '../support/bulkmockHarness.js';

/** One vendor example of test/fixtures/vendor-examples (see its README). */
interface VendorExample {
  file: string;
  vendor: Vendor;
  operationId: string;
  from: string;
  section: string;
  request?: {
    method: string;
    path: string;
    query?: Record<string, string>;
    headers: Record<string, string>;
    body?: unknown;
    bodyText?: string;
  };
  response?: { status: number; body?: unknown; bodyText?: string };
  breaks?: Array<{ ruleId: string; why: string }>;
  expect?: { storedCreationPath?: string };
}

const root = new URL('../fixtures/vendor-examples/', import.meta.url);
const examples: VendorExample[] = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(new URL(file, root), 'utf8')) as Omit<VendorExample, 'file'>) }));

/** Working credentials of the same form as the placeholders the vendors publish. */
const placeholders: Record<string, string> = {
  'Bearer YOUR_API_KEY': 'Bearer ti-test-key',
  'Basic <encoded-value>': stackOneAuth().authorization,
  '<x-account-id>': stackOneAuth()['x-account-id'],
};
const withCredentials = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), placeholders[value] ?? value]),
  );

const validators = new SpecValidators();
const mock = useBulkmock({ timing: { mode: 'instant' } });

describe("the vendors' published examples", () => {
  it('are all here: every seed document contributes at least one example', () => {
    const seeds = new Set(examples.map((e) => /seeds\/(\d{3})/.exec(e.from)?.[1]).filter(Boolean));
    expect([...seeds].sort()).toEqual(['000', '001', '002', '003', '004']);
    expect(examples.filter((e) => e.request).length).toBeGreaterThanOrEqual(5);
    expect(examples.filter((e) => e.response).length).toBeGreaterThanOrEqual(7);
  });

  for (const example of examples.filter((e) => e.response)) {
    it(`${example.file}: the answer validates against the spec, except for the designed rules it lists`, () => {
      const entry = findOperation(example.vendor, example.operationId);
      const { status, body, bodyText } = example.response!;
      const text = bodyText ?? JSON.stringify(body);
      const problems = validateResponse(validators, entry, {
        status,
        headers: text === '' ? {} : { 'content-type': 'application/json' },
        body: text,
      });
      const broken = problems.map((p) => ({
        where: p.where,
        message: p.message,
        ruleId:
          inferredForResponse(entry, status, p.where, p.keyword)?.ruleId ?? 'no designed rule: a vendor fact is broken',
      }));
      const listed = (example.breaks ?? []).map((b) => b.ruleId).sort();
      expect([...new Set(broken.map((b) => b.ruleId))].sort(), JSON.stringify(broken, null, 2)).toEqual(listed);
      // Each rule it breaks is one the fidelity report lists for the operation, with a reason.
      const designed = currentFidelityReport([example.vendor as never]).vendors[0]!.operations.find(
        (o) => o.operationId === example.operationId,
      )!.designed;
      for (const rule of example.breaks ?? []) {
        expect(designed.map((d) => d.ruleId)).toContain(rule.ruleId);
        expect(rule.why.length).toBeGreaterThan(30);
      }
    });
  }

  for (const example of examples.filter((e) => e.request)) {
    it(`${example.file}: the mock accepts the request`, async () => {
      const { method, path, query, headers, body, bodyText } = example.request!;
      if (
        example.vendor === 'thought-industries' &&
        typeof (body as { bulkImportAssetPath?: unknown })?.bulkImportAssetPath === 'string'
      ) {
        // The page's example names an uploaded asset; store a valid one-row file of the import's kind there.
        const kind = path.includes('inPersonEvent') ? 'ti-in-person-event' : 'ti-webinar';
        const { text } = await fixtureText({ kind, count: 1, seed: 5 });
        const upload = await mock.call(
          'PUT',
          `/__bulkmock/assets/${(body as { bulkImportAssetPath: string }).bulkImportAssetPath}`,
          { headers: { 'content-type': 'text/csv' }, body: text },
        );
        expect(upload.status).toBe(201);
      }
      const search = query ? `?${new URLSearchParams(query)}` : '';
      const answer = await mock.call(method, `${path}${search}`, {
        headers: withCredentials(headers),
        body: bodyText ?? JSON.stringify(body),
      });
      expect(answer.status, answer.body).toBeGreaterThanOrEqual(200);
      expect(answer.status, answer.body).toBeLessThan(300);
      if (example.vendor === 'stackone')
        expect(answer.json.errors).toEqual((body as { items: unknown[] }).items.map(() => []));
      const result =
        example.vendor === 'thought-industries'
          ? (Object.values(answer.json.data)[0] as { validRows?: unknown[]; invalidRows: unknown[] })
          : null;
      if (result?.validRows) {
        expect([result.validRows.length, result.invalidRows.length]).toEqual([1, 0]);
      }
      if (example.expect?.storedCreationPath) {
        const details = await mock.get(new URL(answer.json.queueBatchDetails).pathname, { accept: 'application/json' });
        expect(details.json.creationPath).toBe(example.expect.storedCreationPath);
      }
    });
  }
});
