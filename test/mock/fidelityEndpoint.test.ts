import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock();

describe('GET /__bulkmock/fidelity', () => {
  it('answers the fidelity report as JSON, per operation with its designed rules and their ids', async () => {
    const answer = await mock.get('/__bulkmock/fidelity');
    expect(answer.status).toBe(200);
    const vendors = answer.json.vendors as Array<{
      vendor: string;
      operations: Array<{ operationId: string; designed: Array<{ ruleId: string; side: string }> }>;
    }>;
    expect(vendors.map((v) => v.vendor)).toEqual(['thought-industries', 'stackone', 'learning-builder']);
    const templates = vendors[0]!.operations.find((o) => o.operationId === 'bulkCreateCertificateTemplates')!;
    expect(templates.designed).toContainEqual(
      expect.objectContaining({
        ruleId: 'thought-industries#/components/schemas/CertificateTemplatesBulkRequest/properties/templates/maxItems',
        side: 'request',
      }),
    );
  });

  it('narrows to one vendor, and refuses an unknown one with a 400', async () => {
    const one = await mock.get('/__bulkmock/fidelity?vendor=stackone');
    expect(one.json.vendors.map((v: { vendor: string }) => v.vendor)).toEqual(['stackone']);
    expect((await mock.get('/__bulkmock/fidelity?vendor=moodle')).status).toBe(400);
  });

  it('answers docs/fidelity.md with format=markdown', async () => {
    const answer = await mock.get('/__bulkmock/fidelity?format=markdown');
    expect(answer.headers['content-type']).toContain('text/markdown');
    expect(answer.body).toBe(readFileSync(new URL('../../docs/fidelity.md', import.meta.url), 'utf8'));
  });
});
