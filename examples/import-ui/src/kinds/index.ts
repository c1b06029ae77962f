import { certificateTemplateImport } from './certificateTemplates.js';
import type { ImportKind, VendorId } from './importKind.js';
import { learningBuilderRecordImport } from './learningBuilderRecords.js';
import { stackOneContentImport, stackOneCourseImport } from './stackOneBatches.js';
import {
  courseGroupInPersonEventImport,
  inPersonEventImport,
  sessionWebinarImport,
  webinarImport,
} from './thoughtIndustriesFiles.js';
import { usersImport } from './thoughtIndustriesUsers.js';

export const vendors: ReadonlyArray<{ id: VendorId; label: string }> = [
  { id: 'thought-industries', label: 'Thought Industries' },
  { id: 'stackone', label: 'StackOne (unified LMS)' },
  { id: 'learning-builder', label: 'Learning Builder' },
];

export const importKinds: readonly ImportKind[] = [
  webinarImport,
  inPersonEventImport,
  sessionWebinarImport,
  courseGroupInPersonEventImport,
  usersImport,
  certificateTemplateImport,
  stackOneCourseImport,
  stackOneContentImport,
  learningBuilderRecordImport,
];
