import { generatorKinds, type GeneratorKind } from '../../generators/kinds/kindDefinition.js';
import type { Vendor } from '../spec/specRegistry.js';

/** One part of a preload: the state the specs' examples describe, or N generated records of a kind. */
export type PreloadItem = { kind: 'examples' } | { kind: 'generated'; generator: GeneratorKind; count: number };

/** Most generated records of one kind in a preload: one bulk file's worth (see --max-rows). */
const maxPreloadCount = 100_000;

/**
 * Reads `examples`, `stackone-course:50,ti-webinar:20` or a list of such strings (a repeated
 * option). Throws a RangeError that names the bad part and what is accepted.
 */
export function parsePreload(input: string | readonly string[]): PreloadItem[] {
  const parts = (typeof input === 'string' ? [input] : input)
    .flatMap((text) => text.split(','))
    .map((part) => part.trim());
  const items: PreloadItem[] = [];
  for (const part of parts) {
    if (part === '')
      throw new RangeError('preload: an empty entry; write examples or kind:count, such as stackone-course:50');
    if (part === 'examples') {
      if (!items.some((item) => item.kind === 'examples')) items.push({ kind: 'examples' });
      continue;
    }
    const match = /^([a-z-]+):(\d+)$/.exec(part);
    const known = `examples, or kind:count with a kind of ${generatorKinds.join(', ')}`;
    if (!match) throw new RangeError(`preload: "${part}" is neither examples nor kind:count (accepted: ${known})`);
    const generator = match[1] as GeneratorKind;
    if (!generatorKinds.includes(generator))
      throw new RangeError(`preload: unknown kind "${match[1]}" (accepted: ${known})`);
    const count = Number(match[2]);
    if (!(count >= 1 && count <= maxPreloadCount))
      throw new RangeError(`preload: ${part} must ask for 1 to ${maxPreloadCount} records, got ${count}`);
    items.push({ kind: 'generated', generator, count });
  }
  return items;
}

/** The vendor operation that imports each kind of generated record. */
export const importers: Readonly<Record<GeneratorKind, [Vendor, string]>> = {
  'ti-webinar': ['thought-industries', 'bulkImportCourseGroupWebinars'],
  'ti-in-person-event': ['thought-industries', 'bulkImportInPersonEventSessions'],
  'ti-certificate-template': ['thought-industries', 'bulkCreateCertificateTemplates'],
  'stackone-course': ['stackone', 'batchUpsertCourses'],
  'stackone-content': ['stackone', 'batchUpsertContent'],
  'lb-record': ['learning-builder', 'createWorkflowImportBatch'],
  'ti-session-webinar': ['thought-industries', 'bulkImportSessionWebinars'],
  'ti-course-group-in-person-event': ['thought-industries', 'bulkImportCourseGroupInPersonEvents'],
  'ti-user': ['thought-industries', 'bulkImportUsers'],
};

export function vendorOfKind(kind: GeneratorKind): Vendor {
  return importers[kind][0];
}
