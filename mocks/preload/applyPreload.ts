import type { PreloadContext } from './preloadContext.js';
import { preloadExamples } from './examplePreload.js';
import { vendorOfKind, type PreloadItem } from './preloadPlan.js';

/** A preload request the mock refused: a spec example or a generated batch that no longer passes. */
export interface PreloadRefusal {
  what: string;
  status: number;
  message: string;
}

export interface PreloadReport {
  /** Jobs the mock holds once the preload is done. */
  jobs: number;
  refused: PreloadRefusal[];
}

/**
 * Applies a preload to a freshly started or reset mock. Jobs it starts are finished at once
 * (instant timing for the duration of the preload), so a preloaded mock opens with full lists.
 */
export async function applyPreload(context: PreloadContext, items: readonly PreloadItem[]): Promise<PreloadReport> {
  const { state } = context;
  const own = state.settings;
  state.settings = { ...own, timing: { ...own.timing, mode: 'instant' } };
  const refused = [];
  try {
    for (const item of items) {
      if (item.kind === 'examples') refused.push(...(await preloadExamples(context)));
      else if (context.enabled(vendorOfKind(item.generator))) {
        // Loaded only when asked for: the generators (and faker) stay out of a mock that does not use them.
        const { preloadGenerated } = await import('./generatedPreload.js');
        refused.push(...(await preloadGenerated(context, item.generator, item.count, own.seed)));
      } else
        refused.push({
          what: `${item.generator}:${item.count}`,
          status: 0,
          message: `${vendorOfKind(item.generator)} is not enabled on this mock`,
        });
    }
  } finally {
    state.settings = own;
  }
  state.jobs.settle(state.clock.now());
  return { jobs: state.jobs.size, refused };
}
