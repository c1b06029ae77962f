/**
 * Licensed professions that earn continuing-education credit, for Learning Builder records: the
 * license, how its numbers look, the credit type its boards accept, and activities people complete.
 */
export interface Profession {
  licenseType: string;
  /** Prefix of license numbers (`RN-2219874`). */
  licensePrefix: string;
  licenseDigits: number;
  creditType: 'CE' | 'CME' | 'CPD' | 'CLE' | 'CPE' | 'CEU';
  activities: ReadonlyArray<{ code: string; title: string }>;
}

export const professions: readonly Profession[] = [
  {
    licenseType: 'Registered Nurse',
    licensePrefix: 'RN',
    licenseDigits: 7,
    creditType: 'CE',
    activities: [
      { code: 'NUR-SEPSIS-26', title: 'Early Recognition of Sepsis in Acute Care' },
      { code: 'NUR-OPIOID-STEW-26', title: 'Opioid Stewardship for Nursing Practice' },
      { code: 'NUR-STROKE-26', title: 'Acute Stroke Assessment with the NIH Stroke Scale' },
      { code: 'NUR-WOUND-26', title: 'Pressure Injury Prevention and Staging' },
      { code: 'NUR-DELIRIUM-26', title: 'Delirium Screening in Older Adults' },
    ],
  },
  {
    licenseType: 'Licensed Practical Nurse',
    licensePrefix: 'LPN',
    licenseDigits: 6,
    creditType: 'CE',
    activities: [
      { code: 'LPN-MEDSAFE-26', title: 'Medication Safety and Error Prevention' },
      { code: 'LPN-INFECT-26', title: 'Infection Control in Long-Term Care' },
      { code: 'LPN-DIABETES-26', title: 'Diabetes Management Update' },
    ],
  },
  {
    licenseType: 'Pharmacist',
    licensePrefix: 'RPH',
    licenseDigits: 7,
    creditType: 'CPE',
    activities: [
      { code: '0204-0000-26-012-H01-P', title: 'Anticoagulation Update 2026: DOAC Dosing in Renal Impairment' },
      { code: '0204-0000-26-031-H05-P', title: 'Immunization Update for Pharmacists 2026' },
      { code: '0204-0000-26-044-L03-P', title: 'Pharmacy Law and Controlled Substances' },
    ],
  },
  {
    licenseType: 'Physician',
    licensePrefix: 'MD',
    licenseDigits: 6,
    creditType: 'CME',
    activities: [
      { code: 'CME-HTN-GUIDE-26', title: 'Hypertension Guidelines in Primary Care' },
      { code: 'CME-PAIN-MGMT-26', title: 'Safe Prescribing for Chronic Pain' },
      { code: 'CME-IMPLICIT-BIAS-26', title: 'Implicit Bias in Clinical Decision-Making' },
    ],
  },
  {
    licenseType: 'Physical Therapist',
    licensePrefix: 'PT',
    licenseDigits: 6,
    creditType: 'CEU',
    activities: [
      { code: 'PT-ACL-REHAB-26', title: 'Return to Sport after ACL Reconstruction' },
      { code: 'PT-FALLS-26', title: 'Falls Prevention in Community Settings' },
    ],
  },
  {
    licenseType: 'Attorney',
    licensePrefix: 'BAR',
    licenseDigits: 6,
    creditType: 'CLE',
    activities: [
      { code: 'CLE-ETHICS-26', title: 'Legal Ethics and Professional Responsibility' },
      { code: 'CLE-AI-PRACTICE-26', title: 'Generative AI in Legal Practice: Duties and Risks' },
      { code: 'CLE-DATA-BREACH-26', title: 'Responding to a Client Data Breach' },
    ],
  },
  {
    licenseType: 'Certified Public Accountant',
    licensePrefix: 'CPA',
    licenseDigits: 6,
    creditType: 'CPD',
    activities: [
      { code: 'CPD-REV-REC-26', title: 'Revenue Recognition in Practice' },
      { code: 'CPD-FRAUD-26', title: 'Detecting Occupational Fraud' },
      { code: 'CPD-TAX-UPDATE-26', title: 'Federal Tax Update' },
    ],
  },
  {
    licenseType: 'Licensed Clinical Social Worker',
    licensePrefix: 'LCSW',
    licenseDigits: 5,
    creditType: 'CE',
    activities: [
      { code: 'SW-TRAUMA-26', title: 'Trauma-Informed Care' },
      { code: 'SW-SUPERVISION-26', title: 'Clinical Supervision Essentials' },
    ],
  },
];
