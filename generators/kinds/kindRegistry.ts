import type { GeneratorKind, KindDefinition } from './kindDefinition.js';
import { lbRecord, type LearningBuilderImportRecord } from './lbRecord.js';
import { stackOneContent, type LmsUpsertContentRequest } from './stackOneContent.js';
import { stackOneCourse, type LmsUpsertCourseRequest } from './stackOneCourse.js';
import { tiCertificateTemplate, type CertificateTemplateInput } from './tiCertificateTemplate.js';
import { tiInPersonEvent, type InPersonEventImportRow } from './tiInPersonEvent.js';
import { tiWebinar, type WebinarImportRow } from './tiWebinar.js';
import { tiCourseGroupInPersonEvent, type CourseGroupInPersonEventImportRow } from './tiCourseGroupInPersonEvent.js';
import { tiSessionWebinar, type SessionWebinarImportRow } from './tiSessionWebinar.js';
import { tiUser, type UserImportRow } from './tiUser.js';

/** The generated type of one row of each kind. */
export interface RowTypes {
  'ti-webinar': WebinarImportRow;
  'ti-in-person-event': InPersonEventImportRow;
  'ti-certificate-template': CertificateTemplateInput;
  'stackone-course': LmsUpsertCourseRequest;
  'stackone-content': LmsUpsertContentRequest;
  'lb-record': LearningBuilderImportRecord;
  'ti-session-webinar': SessionWebinarImportRow;
  'ti-course-group-in-person-event': CourseGroupInPersonEventImportRow;
  'ti-user': UserImportRow;
}

export const kinds: { readonly [K in GeneratorKind]: KindDefinition<RowTypes[K]> } = {
  'ti-webinar': tiWebinar,
  'ti-in-person-event': tiInPersonEvent,
  'ti-certificate-template': tiCertificateTemplate,
  'stackone-course': stackOneCourse,
  'stackone-content': stackOneContent,
  'lb-record': lbRecord,
  'ti-session-webinar': tiSessionWebinar,
  'ti-course-group-in-person-event': tiCourseGroupInPersonEvent,
  'ti-user': tiUser,
};
