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
type CertificateTemplateLabelInput = components['schemas']['CertificateTemplateLabelInput'];

const row = readRowSchema('thought-industries', 'CertificateTemplateInput');
const envelope = envelopeOf('thought-industries', 'CertificateTemplatesBulkRequest', 'CertificateTemplateInput');
const resourceTypes = enumOf<CertificateTemplateInput['resourceType']>(row, ['resourceType']);
const recertificationActions = enumOf<NonNullable<CertificateTemplateInput['recertificationAction']>>(row, [
  'recertificationAction',
]);
const certificateNames = [
  'Certificate of Completion',
  'Certificate of Achievement',
  'Certificate of Attendance',
  'Professional Certificate',
];
const expirationDays = [180, 365, 365, 730, 1095];
/** Label layouts of a landscape certificate: what is printed, and where (percent of the page). */
const labelLayouts: ReadonlyArray<ReadonlyArray<Omit<CertificateTemplateLabelInput, 'fontColor'>>> = [
  [
    { certificateField: 'userName', fontSize: 32, textAlign: 'center', x: 50, y: 42 },
    { certificateField: 'courseTitle', fontSize: 20, textAlign: 'center', x: 50, y: 56 },
    { certificateField: 'completionDate', fontSize: 14, textAlign: 'left', x: 12, y: 84 },
  ],
  [
    { certificateField: 'userName', fontSize: 28, textAlign: 'center', x: 50, y: 38 },
    { certificateField: 'completionDate', fontSize: 12, textAlign: 'right', x: 88, y: 86 },
  ],
];
const fontColors = ['#1f2937', '#0f172a', '#374151', '#7c2d12'];

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
      const slug = slugify(subject);
      const organisation = people.organisation(random);
      const cdn = `https://cdn.${organisation.domain}/certificates`;
      // Field by field in the spec's order (see tiWebinar.ts for why not spreads). Titles must differ
      // (compared without case) across a request; the template code makes them unique.
      const template: Partial<CertificateTemplateInput> = {};
      template.title = `${random.pick(certificateNames)}: ${subject} (${rowKey('CT', tag, index)})`;
      template.asset = `${cdn}/${slug}-background.pdf`;
      if (chance(random, 0.3))
        template.customCss = `.learner-name { font-family: Georgia, serif; color: ${random.pick(fontColors)}; }`;
      // Expiry in days or by a date, never both; about a third never expire.
      const expiry = random.int(0, 5);
      if (expiry <= 2) template.expirationDays = random.pick(expirationDays);
      else if (expiry === 3) template.expirationDate = `${2028 + random.int(0, 2)}-12-31T23:59:59Z`;
      const color = random.pick(fontColors);
      template.labels = random.pick(labelLayouts).map((label) => ({ ...label, fontColor: color }));
      if (template.expirationDays !== undefined || template.expirationDate !== undefined) {
        template.recertificationAction = random.pick(recertificationActions);
        if (template.recertificationAction === 'actionUrl') {
          template.recertificationActionText = 'Renew your certificate';
          template.recertificationActionUrl = `https://learn.${organisation.domain}/recertify/${slug}`;
        }
        template.recertificationAfterDays = random.pick([0, 30, 60, 90]);
        template.recertificationAutoReset = chance(random, 0.3);
        template.recertificationInstructions = `Complete ${subject} again to renew your certificate.`;
      }
      template.resourceType = chance(random, 0.8) ? resourceTypes[0]! : random.pick(resourceTypes);
      if (chance(random, 0.25)) template.supplementalAssets = [`${cdn}/${slug}-transcript.pdf`];
      return template as CertificateTemplateInput;
    };
  },
};
