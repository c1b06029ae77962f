/**
 * The subjects of a corporate learning catalogue. Faker has names, companies and addresses but no
 * course titles, so the generators compose titles, descriptions, modules and skills from this list.
 * Each topic belongs to an area of the business, whose code and category a StackOne course carries.
 */
export interface LearningTopic {
  subject: string;
  area: LearningArea;
  /** What a learner comes away with; used for descriptions and module titles. */
  outcomes: readonly string[];
  skills: readonly string[];
}

export interface LearningArea {
  /** Short upper-case code, used in references (`ENG`, `SEC`). */
  code: string;
  /** The catalogue category the area files its courses under. */
  category: string;
}

const engineering: LearningArea = { code: 'ENG', category: 'Engineering' };
const data: LearningArea = { code: 'DATA', category: 'Data and Analytics' };
const security: LearningArea = { code: 'SEC', category: 'Information Security' };
const compliance: LearningArea = { code: 'CMP', category: 'Compliance' };
const leadership: LearningArea = { code: 'LEAD', category: 'Leadership' };
const sales: LearningArea = { code: 'SALES', category: 'Sales Enablement' };
const service: LearningArea = { code: 'CX', category: 'Customer Experience' };
const finance: LearningArea = { code: 'FIN', category: 'Finance' };
const people: LearningArea = { code: 'HR', category: 'People and Culture' };
const safety: LearningArea = { code: 'EHS', category: 'Health and Safety' };
const product: LearningArea = { code: 'PROD', category: 'Product Management' };
const skills: LearningArea = { code: 'PRO', category: 'Professional Skills' };

export const learningTopics: readonly LearningTopic[] = [
  {
    subject: 'Kubernetes Operations',
    area: engineering,
    outcomes: ['rolling upgrades', 'autoscaling', 'cluster observability', 'capacity planning'],
    skills: ['Kubernetes', 'Helm', 'Observability'],
  },
  {
    subject: 'Infrastructure as Code with Terraform',
    area: engineering,
    outcomes: ['reusable modules', 'remote state', 'policy checks in CI', 'drift detection'],
    skills: ['Terraform', 'Cloud infrastructure'],
  },
  {
    subject: 'Modern TypeScript',
    area: engineering,
    outcomes: ['strict compiler settings', 'generics that read well', 'typing API boundaries', 'incremental migration'],
    skills: ['TypeScript', 'Code review'],
  },
  {
    subject: 'API Design',
    area: engineering,
    outcomes: [
      'resource modelling',
      'versioning without breaking clients',
      'error bodies clients can act on',
      'pagination',
    ],
    skills: ['REST', 'OpenAPI'],
  },
  {
    subject: 'Incident Response for On-Call Engineers',
    area: engineering,
    outcomes: [
      'triage under pressure',
      'clear status updates',
      'blameless post-incident reviews',
      'runbooks that work',
    ],
    skills: ['Incident management', 'Site reliability'],
  },
  {
    subject: 'Forecasting with Advanced Excel',
    area: data,
    outcomes: ['rolling forecasts', 'dynamic arrays', 'Power Query', 'scenario tables'],
    skills: ['Excel', 'Forecasting'],
  },
  {
    subject: 'SQL for Analysts',
    area: data,
    outcomes: ['window functions', 'joins that scale', 'cohort queries', 'readable CTEs'],
    skills: ['SQL', 'Data analysis'],
  },
  {
    subject: 'Data Visualisation That Persuades',
    area: data,
    outcomes: ['choosing the right chart', 'decluttering dashboards', 'telling a story with data', 'accessible colour'],
    skills: ['Data visualisation', 'Storytelling'],
  },
  {
    subject: 'Machine Learning Foundations',
    area: data,
    outcomes: [
      'framing a prediction problem',
      'train and test splits',
      'evaluating models honestly',
      'bias and fairness',
    ],
    skills: ['Machine learning', 'Python'],
  },
  {
    subject: 'Security Awareness',
    area: security,
    outcomes: ['spotting phishing', 'password managers', 'device encryption', 'reporting an incident'],
    skills: ['Phishing detection', 'Security hygiene'],
  },
  {
    subject: 'Secure Coding Practices',
    area: security,
    outcomes: ['input validation', 'secrets management', 'dependency scanning', 'threat modelling'],
    skills: ['Application security', 'OWASP Top 10'],
  },
  {
    subject: 'Cloud Security Fundamentals',
    area: security,
    outcomes: ['least-privilege access', 'network segmentation', 'logging and alerting', 'shared responsibility'],
    skills: ['Cloud security', 'Identity and access management'],
  },
  {
    subject: 'Data Privacy Essentials',
    area: compliance,
    outcomes: ['lawful basis', 'subject access requests', 'retention schedules', 'breach reporting'],
    skills: ['Data protection', 'GDPR'],
  },
  {
    subject: 'Anti-Bribery and Corruption',
    area: compliance,
    outcomes: ['gifts and hospitality', 'third-party due diligence', 'red flags', 'speaking up'],
    skills: ['Ethics', 'Risk assessment'],
  },
  {
    subject: 'Anti-Money Laundering',
    area: compliance,
    outcomes: ['customer due diligence', 'suspicious activity reports', 'sanctions screening', 'record keeping'],
    skills: ['AML', 'KYC'],
  },
  {
    subject: 'Leadership Foundations',
    area: leadership,
    outcomes: ['setting clear expectations', 'delegation', 'giving feedback', 'running one-to-ones'],
    skills: ['People management', 'Feedback'],
  },
  {
    subject: 'Coaching Conversations',
    area: leadership,
    outcomes: ['powerful questions', 'active listening', 'the GROW model', 'follow-through'],
    skills: ['Coaching', 'Active listening'],
  },
  {
    subject: 'Leading Hybrid Teams',
    area: leadership,
    outcomes: ['team agreements', 'inclusive meetings', 'asynchronous decisions', 'keeping connection'],
    skills: ['Remote leadership', 'Collaboration'],
  },
  {
    subject: 'Strategic Thinking',
    area: leadership,
    outcomes: ['reading the market', 'setting priorities', 'saying no well', 'turning strategy into goals'],
    skills: ['Strategy', 'Prioritisation'],
  },
  {
    subject: 'Negotiation Skills',
    area: sales,
    outcomes: ['preparing a walk-away point', 'anchoring', 'trading concessions', 'closing'],
    skills: ['Negotiation', 'Persuasion'],
  },
  {
    subject: 'Consultative Selling',
    area: sales,
    outcomes: ['discovery questions', 'mapping stakeholders', 'business cases', 'handling objections'],
    skills: ['Consultative selling', 'Discovery'],
  },
  {
    subject: 'Account Planning',
    area: sales,
    outcomes: ['whitespace analysis', 'relationship maps', 'quarterly business reviews', 'expansion plays'],
    skills: ['Account management', 'Forecasting'],
  },
  {
    subject: 'Customer Service Excellence',
    area: service,
    outcomes: ['de-escalation', 'first-contact resolution', 'empathetic writing', 'closing the loop'],
    skills: ['Customer service', 'Communication'],
  },
  {
    subject: 'Customer Success Management',
    area: service,
    outcomes: ['onboarding plans', 'health scores', 'renewal conversations', 'advocacy programmes'],
    skills: ['Customer success', 'Retention'],
  },
  {
    subject: 'Finance for Non-Finance Managers',
    area: finance,
    outcomes: ['reading a P&L', 'cash versus profit', 'budgeting', 'business cases'],
    skills: ['Financial literacy', 'Budgeting'],
  },
  {
    subject: 'IFRS 16 Lease Accounting',
    area: finance,
    outcomes: ['lease identification', 'right-of-use assets', 'remeasurement', 'disclosures'],
    skills: ['IFRS', 'Accounting'],
  },
  {
    subject: 'Inclusive Hiring',
    area: people,
    outcomes: ['structured interviews', 'inclusive job adverts', 'reducing bias in shortlists', 'candidate experience'],
    skills: ['Recruiting', 'Diversity and inclusion'],
  },
  {
    subject: 'Performance Reviews That Work',
    area: people,
    outcomes: ['calibration', 'evidence-based ratings', 'development plans', 'difficult conversations'],
    skills: ['Performance management', 'Feedback'],
  },
  {
    subject: 'Wellbeing at Work',
    area: people,
    outcomes: ['recognising burnout', 'boundaries', 'psychological safety', 'support resources'],
    skills: ['Wellbeing', 'Resilience'],
  },
  {
    subject: 'Workplace Safety Refresher',
    area: safety,
    outcomes: ['risk assessments', 'manual handling', 'fire safety', 'near-miss reporting'],
    skills: ['Health and safety', 'Risk assessment'],
  },
  {
    subject: 'First Aid at Work',
    area: safety,
    outcomes: ['primary survey', 'CPR and AED use', 'bleeding control', 'recovery position'],
    skills: ['First aid', 'CPR'],
  },
  {
    subject: 'Product Discovery',
    area: product,
    outcomes: ['customer interviews', 'opportunity trees', 'assumption testing', 'prototyping'],
    skills: ['Product discovery', 'User research'],
  },
  {
    subject: 'Roadmapping and Prioritisation',
    area: product,
    outcomes: ['outcome-based roadmaps', 'RICE scoring', 'stakeholder alignment', 'saying no'],
    skills: ['Roadmapping', 'Prioritisation'],
  },
  {
    subject: 'Agile Project Management',
    area: skills,
    outcomes: ['sprint planning', 'backlog refinement', 'retrospectives', 'forecasting delivery'],
    skills: ['Scrum', 'Kanban'],
  },
  {
    subject: 'Business Writing',
    area: skills,
    outcomes: ['clear emails', 'executive summaries', 'plain language', 'structuring a report'],
    skills: ['Writing', 'Communication'],
  },
  {
    subject: 'Presenting with Confidence',
    area: skills,
    outcomes: ['structuring a talk', 'handling nerves', 'slides that help', 'answering hard questions'],
    skills: ['Public speaking', 'Storytelling'],
  },
  {
    subject: 'Time Management',
    area: skills,
    outcomes: ['planning the week', 'deep work', 'meeting hygiene', 'managing interruptions'],
    skills: ['Time management', 'Productivity'],
  },
];

/** Who a session is aimed at: `Negotiation Skills for New Managers`. */
export const audiences = [
  'HR Teams',
  'New Managers',
  'Platform Teams',
  'Sales Leaders',
  'Customer Support',
  'Finance Partners',
  'Frontline Supervisors',
  'Engineering Managers',
  'Remote Teams',
  'Team Leads',
  'Small Businesses',
  'Healthcare Teams',
] as const;

/** Second halves of titles: `Data Privacy Essentials: What Changes in 2027`. */
export const angles = [
  'What Changes in 2027',
  'A Practical Introduction',
  'Lessons from the Field',
  'Beyond the Basics',
  'Common Pitfalls and How to Avoid Them',
  'From Theory to Practice',
  'The Essentials',
  'Ask the Experts',
] as const;

/** Live online formats. */
export const webinarFormats = [
  'Masterclass',
  'Live Workshop',
  'Office Hours',
  'Expert Panel',
  'Fireside Chat',
  'Deep Dive',
  'Live Q&A',
] as const;

/** Formats that need a room. */
export const classroomFormats = [
  'Workshop',
  'Bootcamp',
  'Two-Day Intensive',
  'Leadership Retreat',
  'Hands-On Lab',
  'Certification Prep Day',
  'Practitioner Course',
] as const;

/** Endings of one-line descriptions. */
export const descriptionEndings = [
  'with live demos and time for questions',
  'hands-on',
  'with a downloadable checklist',
  'for teams of any size',
  'with real case studies',
  'with exercises you can reuse on Monday',
  'taught by practitioners',
] as const;

/** Openings of one-line descriptions; `{subject}` is replaced. */
export const descriptionOpenings = [
  'A practical session on',
  'Everything you need to know about',
  'An interactive look at',
  'Get up to speed on',
  'A focused introduction to',
  'Go deeper on',
] as const;
