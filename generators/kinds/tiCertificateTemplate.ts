import type { components } from '../../openapi/generated/thought-industries.js';
import { learningTopics } from '../catalogue/learningTopics.js';
import { createPeoplePool } from '../catalogue/peoplePool.js';
import { slugify } from '../catalogue/textForms.js';
import { chance, streamRandom } from '../random/seedStreams.js';
import { enumOf, envelopeOf, readRowSchema } from '../schema/rowSchema.js';
import type { KindDefinition } from './kindDefinition.js';
import { batchTag, rowKey } from './rowKeys.js';
import { uniqueKeyOf } from './uniqueKey.js';

export type CertificateTemplateInput = components['schemas']['CertificateTemplateInput'];

const row = readRowSchema('thought-industries', 'CertificateTemplateInput');
const envelope = envelopeOf('thought-industries', 'CertificateTemplatesBulkRequest', 'CertificateTemplateInput');
const orientations = enumOf<CertificateTemplateInput['orientation']>(row, ['orientation']);
const pageSizes = enumOf<CertificateTemplateInput['pageSize']>(row, ['pageSize']);
const certificateNames = ['Certificate of Completion', 'Certificate of Achievement', 'Certificate of Attendance', 'Professional Certificate'];
const awardedFor = ['passing the {subject} assessment', 'completing {subject}', 'attending every session of {subject}', 'completing the {subject} learning path'];
const expirations = [null, null, 12, 12, 24, 36];

export const tiCertificateTemplate: KindDefinition<CertificateTemplateInput> = {
  name: 'ti-certificate-template',
  summary: 'Thought Industries certificate templates (CertificateTemplateInput, sent as { "templates": [...] })',
  row,
  defaultFormat: 'json',
  envelope,
  key: uniqueKeyOf(row),
  batchSize: envelope.maxItems ?? Number.POSITIVE_INFINITY,
  createRows(seed) {
    const random = streamRandom(seed, 'rows:ti-certificate-template');
    const people = createPeoplePool(seed);
    const tag = batchTag(seed);

    return (index) => {
      const topic = random.pick(learningTopics);
      const subject = topic.subject;
      const organisation = people.organisation(random);
      // Field by field in the spec's order (see tiWebinar.ts for why not spreads). Titles must differ
      // (compared without case) across a request; the template code makes them unique.
      const template: Partial<CertificateTemplateInput> = {};
      template.title = `${random.pick(certificateNames)}: ${subject} (${rowKey('CT', tag, index)})`;
      if (chance(random, 0.6)) template.description = `Awarded after ${random.pick(awardedFor).replace('{subject}', subject)}.`;
      template.orientation = chance(random, 0.75) ? orientations[0]! : random.pick(orientations);
      template.pageSize = random.pick(pageSizes);
      if (chance(random, 0.5)) template.backgroundImageUrl = `https://cdn.${organisation.domain}/certificates/${slugify(subject)}-background.png`;
      if (chance(random, 0.7)) template.bodyHtml = bodyHtml(subject, chance(random, 0.4));
      template.expirationMonths = random.pick(expirations);
      template.isActive = chance(random, 0.9);
      return template as CertificateTemplateInput;
    };
  },
};

function bodyHtml(subject: string, withCredits: boolean): string {
  const escaped = subject.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<h1>{{learner.name}}</h1><p>completed ${escaped} on {{completion.date}}.</p>${withCredits ? '<p>Credits earned: {{course.credits}}</p>' : ''}`;
}
