/** Small, readable import files for tests; the header is the spec's column order. */
export const webinarHeader =
  'externalId,title,slug,description,startDate,endDate,timeZone,instructorName,instructorEmail,meetingUrl,capacity,language';

export const webinarCsv = (...rows: string[]) => [webinarHeader, ...rows].join('\n') + '\n';

export const goodWebinar = (id: string, title = 'Kubernetes Operations for Platform Teams') =>
  `${id},${title},,,2027-03-09T11:00:00-05:00,2027-03-09T12:30:00-05:00,America/New_York,Priya Raman,priya.raman@northwind.example,https://zoom.us/j/84512093377,500,en`;

export const inPersonHeader =
  'externalId,title,description,startDate,endDate,timeZone,venueName,addressLine1,addressLine2,city,region,postalCode,country,capacity,instructorName,instructorEmail';

export const inPersonCsv = (...rows: string[]) => [inPersonHeader, ...rows].join('\n') + '\n';

export const goodInPersonEvent = (id: string) =>
  `${id},Leadership Foundations Workshop,Two-day workshop for first-time managers.,2027-04-12T09:00:00-05:00,2027-04-13T17:00:00-05:00,America/Chicago,The Langham Chicago,330 N Wabash Ave,Floor 2,Chicago,IL,60611,US,40,Danielle Brooks,danielle.brooks@northwind.example`;

export const lbRecord = (id: string, overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    ExternalRecordId: id,
    PersonId: 'P-10442',
    FirstName: 'Amara',
    LastName: 'Osei',
    Email: 'amara.osei@example.org',
    ActivityCode: 'CE-PHARM-2026',
    ActivityTitle: 'Opioid Stewardship for Pharmacists',
    CompletionDate: '2026-05-14',
    CreditHours: 1.5,
    CreditType: 'CE',
    ...overrides,
  });

export const stackOneCourse = (reference: string, overrides: Record<string, unknown> = {}) => ({
  external_reference: reference,
  title: 'GDPR Essentials for Customer Support',
  description: 'What support agents may and may not do with personal data.',
  languages: [{ value: 'en_GB' }],
  url: 'https://learning.example.com/courses/gdpr-essentials',
  active: true,
  duration: 'PT45M',
  ...overrides,
});

export const stackOneContent = (reference: string, overrides: Record<string, unknown> = {}) => ({
  external_reference: reference,
  title: 'Spotting a phishing email',
  content_type: { value: 'video' },
  content_url: 'https://learning.example.com/content/phishing',
  duration: 'PT12M',
  tags: ['security', 'phishing'],
  ...overrides,
});
