import { certificateTemplateImport } from './certificateTemplates.js';
import type { ImportKind, VendorId } from './importKind.js';
import { learningBuilderRecordImport } from './learningBuilderRecords.js';
import { stackOneContentImport, stackOneCourseImport } from './stackOneBatches.js';
import { inPersonEventImport, webinarImport } from './thoughtIndustriesFiles.js';

export const vendors: ReadonlyArray<{ id: VendorId; label: string }> = [
  { id: 'thought-industries', label: 'Thought Industries' },
  { id: 'stackone', label: 'StackOne (unified LMS)' },
  { id: 'learning-builder', label: 'Learning Builder' },
];

export const importKinds: readonly ImportKind[] = [
  webinarImport,
  inPersonEventImport,
  certificateTemplateImport,
  stackOneCourseImport,
  stackOneContentImport,
  learningBuilderRecordImport,
];
