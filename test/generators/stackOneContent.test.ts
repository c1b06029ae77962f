import { describe, expect, it } from 'vitest';
import { generateStackOneContent } from '../../generators/index.js';
import { createMockCore } from '../../mocks/builtInVendors.js';
import { emptyBody } from '../../mocks/core/mockRequest.js';
import { stackOneAuth } from '../support/bulkmockHarness.js';

describe('the stackone-content generator', () => {
  const items = [...generateStackOneContent({ count: 200, seed: 11 })].map((row) => {
    if (row.defect) throw new Error('no defects were asked for');
    return row.value;
  });

  it('gives every item its own external_reference, a content type, a URL and tags without repeats', () => {
    expect(new Set(items.map((i) => i.external_reference)).size).toBe(items.length);
    for (const item of items) {
      expect(item.content_type?.value).toMatch(/^(video|document|quiz|article|audio|interactive)$/);
      expect(item.content_url).toMatch(/^https:\/\/learn\.[a-z0-9.-]+\.example(\.[a-z]+)?\//);
      expect(item.tags?.length).toBeGreaterThan(0);
      expect(new Set(item.tags).size).toBe(item.tags?.length);
    }
  });

  it('times only what is watched, heard or taken (videos, audio, quizzes, interactive), never documents or articles', () => {
    for (const item of items) {
      const timed = ['video', 'audio', 'quiz', 'interactive'].includes(String(item.content_type?.value));
      expect(item.duration === undefined, `${item.external_reference} ${item.content_type?.value}`).toBe(!timed);
    }
  });

  it('preloads as content items through batchUpsertContent (--preload stackone-content:120)', async () => {
    const core = createMockCore({ seed: 3, timing: { mode: 'instant' }, preload: ['stackone-content:120'] });
    expect((await core.ready).refused).toEqual([]);
    const list = await core.handle({
      method: 'GET',
      path: '/unified/lms/content',
      query: new URLSearchParams('page_size=1000'),
      headers: stackOneAuth('46132201201510402136'),
      body: emptyBody,
    });
    expect((list.body as { kind: 'json'; value: { data: unknown[] } }).value.data).toHaveLength(120);
  });
});
