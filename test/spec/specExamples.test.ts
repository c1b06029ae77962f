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
    const example = (
      broken.paths!['/unified/lms/courses/batch']!.post!.responses!['202'] as {
        content: Record<string, { examples: Record<string, { value: Record<string, unknown> }> }>;
      }
    ).content['application/json']!.examples;
    const first = Object.keys(example)[0]!;
    example[first]!.value.errors = 'none';
    const { problems } = checkExamples(broken);
    expect(problems).toEqual([
      {
        example: `#/paths/~1unified~1lms~1courses~1batch/post/responses/202/content/application~1json/examples/${first}`,
        message: 'errors must be an array,null (at /errors)',
      },
    ]);
  });

  it('checks each line of a JSON Lines example against the line schema', () => {
    const found = collectExamples(documents['learning-builder']).filter((e) => e.lineSchemaRef);
    expect(found.length).toBeGreaterThan(0);
    const broken = structuredClone(documents['learning-builder']);
    const media = (
      broken.paths!['/API/WorkflowImportQueue/CreateBatch']!.post!.requestBody as {
        content: Record<string, { examples: Record<string, { value: string }> }>;
      }
    ).content['application/x-ndjson']!;
    const name = Object.keys(media.examples)[0]!;
    media.examples[name]!.value = '{"ExternalRecordId":"X-1"}\n';
    expect(checkExamples(broken).problems[0]?.example).toContain('line 1');
  });

  it('gives every Thought Industries bulk answer a job whose progress total is what the answer writes', () => {
    const answers = bulkAnswerExamples(documents['thought-industries']);
    expect(answers.length).toBeGreaterThanOrEqual(3);
    for (const { name, body } of answers) {
      const writes = body.validRows ? body.validRows.length : (body.createdCount ?? 0) + (body.updatedCount ?? 0);
      expect({ name, total: body.backgroundJob.progress!.total }).toEqual({ name, total: writes });
    }
  });
});

interface BulkAnswer {
  validRows?: unknown[];
  createdCount?: number;
  updatedCount?: number;
  backgroundJob: { progress?: { total: number } };
}

/** The answer examples of bulk calls (`{ data: { <operation>: { ..., backgroundJob } } }`) whose job reports progress. */
function bulkAnswerExamples(
  document: (typeof documents)['thought-industries'],
): Array<{ name: string; body: BulkAnswer }> {
  const found: Array<{ name: string; body: BulkAnswer }> = [];
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of [item?.post].filter((op) => op !== undefined)) {
      for (const response of Object.values(operation.responses ?? {})) {
        for (const media of Object.values(
          (response as { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> }).content ?? {},
        )) {
          for (const [name, example] of Object.entries(media.examples ?? {})) {
            const data = (example.value as { data?: Record<string, BulkAnswer> } | undefined)?.data;
            const body = data && Object.values(data)[0];
            if (body?.backgroundJob?.progress) found.push({ name, body });
          }
        }
      }
    }
  }
  return found;
}
