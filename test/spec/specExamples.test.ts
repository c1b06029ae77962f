import { describe, expect, it } from 'vitest';
import { documents, specFiles, type SpecName } from '../../mocks/spec/specRegistry.js';
import { checkExamples, collectExamples } from '../support/exampleChecker.js';

describe('the examples in the specs', () => {
  for (const [spec, document] of Object.entries(documents) as Array<[SpecName, (typeof documents)[SpecName]]>) {
    it(`${specFiles[spec]}: every example validates against its schema`, () => {
      const { checked, problems } = checkExamples(document);
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(10);
    });
  }

  it('catches a broken example, naming where it is and what is wrong', () => {
    const broken = structuredClone(documents.stackone);
    const example = (broken.paths!['/unified/lms/courses/batch']!.post!.responses!['202'] as { content: Record<string, { examples: Record<string, { value: Record<string, unknown> }> }> })
      .content['application/json']!.examples;
    const first = Object.keys(example)[0]!;
    delete example[first]!.value.errors;
    const { problems } = checkExamples(broken);
    expect(problems).toEqual([
      { example: `#/paths/~1unified~1lms~1courses~1batch/post/responses/202/content/application~1json/examples/${first}`, message: 'errors is required (at /errors)' },
    ]);
  });

  it('checks each line of a JSON Lines example against the line schema', () => {
    const found = collectExamples(documents['learning-builder']).filter((e) => e.lineSchemaRef);
    expect(found.length).toBeGreaterThan(0);
    const broken = structuredClone(documents['learning-builder']);
    const media = (broken.paths!['/API/WorkflowImportQueue/CreateBatch']!.post!.requestBody as { content: Record<string, { examples: Record<string, { value: string }> }> }).content['application/x-ndjson']!;
    const name = Object.keys(media.examples)[0]!;
    media.examples[name]!.value = '{"ExternalRecordId":"X-1"}\n';
    expect(checkExamples(broken).problems[0]?.example).toContain('line 1');
  });
});
