/**
 * Fixture generators: realistic, seeded rows for every bulk import bulkmock simulates, valid
 * against the spec's row schemas, with known-bad rows on request.
 *
 *   for (const { index, value, defect } of generateWebinarRows({ count: 1000, seed: 7, invalidRate: 0.1 })) ...
 *   const { text, expected } = await fixtureText({ kind: 'lb-record', count: 500, seed: 7, invalidRate: 0.1 });
 *
 * Runs anywhere, a browser included. Writing to files (`openFileSink`, `streamSink`) is Node's:
 * import those from `bulkmock/generators/node`.
 */
import { generateRows, type GenerateOptions, type GeneratedRow } from './generateRows.js';
import type { LearningBuilderImportRecord } from './kinds/lbRecord.js';
import type { LmsUpsertContentRequest } from './kinds/stackOneContent.js';
import type { LmsUpsertCourseRequest } from './kinds/stackOneCourse.js';
import type { CertificateTemplateInput } from './kinds/tiCertificateTemplate.js';
import type { InPersonEventImportRow } from './kinds/tiInPersonEvent.js';
import type { WebinarImportRow } from './kinds/tiWebinar.js';
import type { SessionWebinarImportRow } from './kinds/tiSessionWebinar.js';
import type { CourseGroupInPersonEventImportRow } from './kinds/tiCourseGroupInPersonEvent.js';
import type { UserImportRow } from './kinds/tiUser.js';

export {
  generateRows,
  type GenerateOptions,
  type GeneratedRow,
  type InvalidRow,
  type ValidRow,
} from './generateRows.js';
export {
  writeFixture,
  fixtureText,
  type FixtureOptions,
  type FixtureSinks,
  type FixtureSummary,
} from './runGenerator.js';
export {
  generatorKinds,
  outputFormats,
  type GeneratorKind,
  type OutputFormat,
  type KindDefinition,
} from './kinds/kindDefinition.js';
export { kinds, type RowTypes } from './kinds/kindRegistry.js';
export { defectNames, defectTypes, type DefectName, type DefectType } from './defects/defectTypes.js';
export { defectsOf, type Defect } from './defects/defectInjector.js';
export type { ExpectedDefect, ExpectedDefects } from './output/expectedDefects.js';
export { memorySink, type TextSink } from './output/textSink.js';
export { referenceInstant } from './time/sessionCalendar.js';
export type {
  WebinarImportRow,
  InPersonEventImportRow,
  CertificateTemplateInput,
  LmsUpsertCourseRequest,
  LearningBuilderImportRecord,
  SessionWebinarImportRow,
  CourseGroupInPersonEventImportRow,
  UserImportRow,
};

/** Thought Industries webinar rows (`WebinarImportRow`), the rows of a webinar import CSV. */
export function generateWebinarRows(options: GenerateOptions): Iterable<GeneratedRow<WebinarImportRow>> {
  return generateRows('ti-webinar', options);
}

/** Thought Industries in-person event session rows (`InPersonEventImportRow`). */
export function generateInPersonEventRows(options: GenerateOptions): Iterable<GeneratedRow<InPersonEventImportRow>> {
  return generateRows('ti-in-person-event', options);
}

/** Thought Industries certificate templates (`CertificateTemplateInput`). */
export function generateCertificateTemplates(
  options: GenerateOptions,
): Iterable<GeneratedRow<CertificateTemplateInput>> {
  return generateRows('ti-certificate-template', options);
}

/** StackOne LMS course items (`LmsUpsertCourseRequest`). */
export function generateStackOneCourses(options: GenerateOptions): Iterable<GeneratedRow<LmsUpsertCourseRequest>> {
  return generateRows('stackone-course', options);
}

/** StackOne LMS content items (`LmsUpsertContentRequest`). */
export function generateStackOneContent(options: GenerateOptions): Iterable<GeneratedRow<LmsUpsertContentRequest>> {
  return generateRows('stackone-content', options);
}

/** Learning Builder import records (`LearningBuilderImportRecord`). */
export function generateLearningBuilderRecords(
  options: GenerateOptions,
): Iterable<GeneratedRow<LearningBuilderImportRecord>> {
  return generateRows('lb-record', options);
}
