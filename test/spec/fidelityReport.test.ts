import { describe, expect, it } from 'vitest';
import { buildFidelityReport } from '../../mocks/spec/fidelity/fidelityReport.js';
import { renderFidelityMarkdown, renderFidelityText } from '../../mocks/spec/fidelity/renderFidelity.js';

/** A tiny vendor spec: one operation with a documented body field, a cited enum, a designed limit, a designed status and a mock-only operation. */
const spec = {
  openapi: '3.1.0',
  paths: {
    '/things/bulk': {
      post: {
        operationId: 'bulkThings',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingsRequest' } } } },
        responses: {
          '200': {
            description: 'ok',
            'x-bulkmock-inferred': 'The page shows no status.',
            'x-bulkmock-inferred-keywords': ['status'],
          },
          '401': { description: 'no key' },
        },
      },
    },
    '/__bulkmock/things': {
      get: { operationId: 'listThings', 'x-bulkmock-extension': true, responses: { '200': { description: 'ok' } } },
    },
  },
  components: {
    schemas: {
      ThingsRequest: {
        type: 'object',
        required: ['things'],
        properties: {
          things: {
            type: 'array',
            maxItems: 10,
            'x-bulkmock-inferred': 'No limit is published; 10 is ours.',
            'x-bulkmock-inferred-keywords': ['maxItems'],
          },
          kind: { type: 'string', enum: ['a', 'b'], 'x-bulkmock-source': 'research/things.md: kind is a or b' },
        },
      },
    },
  },
};
const facts = [
  {
    pointer: '/components/schemas/ThingsRequest/required/0',
    fact: 'things is required.',
    source: 'seed 009: Parameters',
  },
  { pointer: '/paths/~1things~1bulk/post/responses/401', fact: 'A missing key is 401.', source: 'seed 009: Errors' },
];

describe('the fidelity report', () => {
  const report = buildFidelityReport({ stackone: spec }, { stackone: facts });

  it('lists per operation the documented rules with their sources, and the designed ones with rule ids, reasons and side', () => {
    expect(report.vendors).toHaveLength(1);
    const [vendor] = report.vendors;
    expect(vendor!.extensions).toEqual(['listThings']);
    expect(vendor!.unaccounted).toEqual([]);
    expect(vendor!.operations).toEqual([
      {
        vendor: 'stackone',
        operationId: 'bulkThings',
        method: 'POST',
        path: '/things/bulk',
        documented: [
          { pointer: '/paths/~1things~1bulk/post/responses/401', constraint: 'status 401', source: 'seed 009: Errors' },
          {
            pointer: '/components/schemas/ThingsRequest/required/0',
            constraint: 'required things',
            source: 'seed 009: Parameters',
          },
          {
            pointer: '/components/schemas/ThingsRequest/properties/kind/enum',
            constraint: 'enum ["a","b"]',
            source: 'research/things.md: kind is a or b',
          },
        ],
        designed: [
          {
            ruleId: 'stackone#/paths/~1things~1bulk/post/responses/200/status',
            reason: 'The page shows no status.',
            constraints: ['status 200'],
            side: 'response',
          },
          {
            ruleId: 'stackone#/components/schemas/ThingsRequest/properties/things/maxItems',
            reason: 'No limit is published; 10 is ours.',
            constraints: ['maxItems 10'],
            side: 'request',
          },
        ],
      },
    ]);
  });

  it('lists a constraint nobody documents or marks as unaccounted', () => {
    const unmarked = structuredClone(spec);
    (unmarked.components.schemas.ThingsRequest.properties.kind as Record<string, unknown>)['x-bulkmock-source'] =
      undefined;
    delete (unmarked.components.schemas.ThingsRequest.properties.kind as Record<string, unknown>)['x-bulkmock-source'];
    expect(buildFidelityReport({ stackone: unmarked }, { stackone: facts }).vendors[0]!.unaccounted).toEqual([
      'stackone#/components/schemas/ThingsRequest/properties/kind/enum',
    ]);
  });

  it('renders as Markdown with an anchor per operation, and as text, saying which designed rules are stricter than the documents', () => {
    const markdown = renderFidelityMarkdown(report);
    expect(markdown).toContain('| StackOne unified LMS | [`POST /things/bulk`](#stackone-bulkthings) | 3 | 2 |');
    expect(markdown).toContain('<a id="stackone-bulkthings"></a>');
    expect(markdown).toContain(
      '| `stackone#/components/schemas/ThingsRequest/properties/things/maxItems` | `maxItems 10` | request (stricter: the mock refuses what the vendor may accept) | No limit is published; 10 is ours. |',
    );
    expect(markdown).toContain('Operations only the mock has (`x-bulkmock-extension`, wholly designed): `listThings`.');
    const text = renderFidelityText(report);
    expect(text).toContain('POST /things/bulk (bulkThings): 3 documented, 2 designed');
    expect(text).toContain('designed    stackone#/paths/~1things~1bulk/post/responses/200/status  (answer)');
  });
});
