import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runContractSuite } from '../../contracts/index.js';
import { editJson, startBrokenBackend, type BrokenBackend, type Defect } from './support/brokenBackend.js';
import { check, problemText } from './support/reportQueries.js';

let backend: BrokenBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

async function runAgainst(defect: Defect) {
  backend = await startBrokenBackend(defect);
  return runContractSuite({ vendor: 'stackone', target: backend.url, timeoutMs: 5_000 });
}

const pathOf = (url: string) => url.split('?')[0]!;

describe('the StackOne content and single-upsert checks catch a broken backend', () => {
  it('a content batch whose errors are shifted by one slot', async () => {
    const report = await runAgainst({
      response(response, request) {
        if (request.method !== 'POST' || pathOf(request.url) !== '/unified/lms/content/batch') return;
        return {
          body: editJson(response.body, (v) => void (v.errors = [[], ...(v.errors as unknown[]).slice(0, -1)])),
        };
      },
    });
    const result = check(report, 'behaviour.content-errors-aligned');
    expect(result.status).toBe('failed');
    expect(problemText(result)).toMatch(
      /item 1 \(.*-K8S-M02\) must be rejected in its own slot because its tags is a string, not a list/,
    );
    expect(report.ok).toBe(false);
  });

  it('a single upsert that answers a new id each time', async () => {
    const report = await runAgainst({
      response(response, request) {
        if (request.method !== 'PUT' || pathOf(request.url) !== '/unified/lms/content') return;
        return { body: editJson(response.body, (v) => void ((v.data as Record<string, unknown>).id = randomUUID())) };
      },
    });
    const result = check(report, 'behaviour.upsert-content-idempotent');
    expect(result.status).toBe('failed');
    expect(problemText(result)).toContain(
      'upsertContent: the second upsert of one external_reference must name the same id',
    );
    expect(check(report, 'behaviour.upsert-course-idempotent').status).toBe('passed');
  });

  it('a content list whose cursor ends after the first page of one item', async () => {
    const report = await runAgainst({
      response(response, request) {
        if (request.method !== 'GET' || request.url !== pathOf(request.url) + '?page_size=1') return;
        if (pathOf(request.url) !== '/unified/lms/content') return;
        return { body: editJson(response.body, (v) => void (v.next = null)) };
      },
    });
    const result = check(report, 'behaviour.content-list-paging');
    expect(result.status).toBe('failed');
    expect(problemText(result)).toMatch(/paging one item at a time gave 1 items, one page of 1000 gave \d+/);
  });

  it('a course upsert that answers 200 instead of 201', async () => {
    const report = await runAgainst({
      response(response, request) {
        if (request.method !== 'PUT' || pathOf(request.url) !== '/unified/lms/courses') return;
        return { status: 200 };
      },
    });
    const result = check(report, 'schema.upsert-course');
    expect(result.status).toBe('failed');
    expect(problemText(result)).toContain('upsertCourse does not document status 200');
  });
});
