/**
 * The fictional Northshire local area: its organisations, people, inspection findings and written
 * statement of action. Every name here is invented; the findings and actions are written in the
 * words real partnerships use (see the council reports in the shared seeds), not copied from any.
 */
import type { Role } from '../platform/identity/types.js';
import type { Question } from '../inspections/index.js';
import type { ActionCategory } from '../plans/index.js';
import { type OrganisationKind } from '../platform/directory/directory.js';

export const PARTNERSHIP = {
  name: 'Northshire SEND Partnership',
  localAuthority: 'Northshire County Council',
  laCode: '990',
  emailDomain: 'northshire.example',
};

export const ORGANISATIONS = {
  council: { name: 'Northshire County Council', kind: 'council' },
  icb: { name: 'NHS Northshire and Eastvale ICB', kind: 'icb' },
  community: { name: 'Northshire and Eastvale Community Health NHS Trust', kind: 'provider' },
  mentalHealth: { name: 'Eastvale Mental Health NHS Foundation Trust', kind: 'provider' },
  hospital: { name: 'Northshire Hospitals NHS Foundation Trust', kind: 'provider' },
  forum: { name: 'Northshire Parent Carer Forum', kind: 'forum' },
  sendiass: { name: 'Northshire SENDIASS', kind: 'other' },
  fernhollow: { name: 'Fernhollow Primary School', kind: 'school' },
  cuthwin: { name: 'St Cuthwin’s Church of England Primary School', kind: 'school' },
  kestrel: { name: 'Kestrel Moor Academy', kind: 'school' },
  larkspur: { name: 'Larkspur Hill School', kind: 'school' },
  college: { name: 'Northshire College', kind: 'college' },
  wrens: { name: 'Little Wrens Nursery', kind: 'early_years' },
} as const satisfies Record<string, { name: string; kind: OrganisationKind }>;
export type OrgKey = keyof typeof ORGANISATIONS;

export type DemoPerson = {
  name: string;
  job: string;
  role: Role;
  orgs: OrgKey[];
  /** How reliably they send their monthly update (0 to 1). */
  reliability: number;
};

export const PEOPLE = {
  helen: {
    name: 'Helen Marsh',
    job: 'Head of SEND Improvement',
    role: 'admin',
    orgs: ['council'],
    reliability: 0.97,
  },
  tomasz: {
    name: 'Tomasz Nowak',
    job: 'SEND Improvement Programme Manager',
    role: 'admin',
    orgs: ['council'],
    reliability: 0.97,
  },
  adaeze: {
    name: 'Adaeze Okafor',
    job: 'Assistant Director, Education and Inclusion',
    role: 'lead',
    orgs: ['council'],
    reliability: 0.85,
  },
  gareth: {
    name: 'Gareth Pryce',
    job: 'Head of SEND Statutory Services',
    role: 'lead',
    orgs: ['council'],
    reliability: 0.9,
  },
  fiona: {
    name: 'Dr Fiona Lindqvist',
    job: 'Principal Educational Psychologist',
    role: 'lead',
    orgs: ['council'],
    reliability: 0.93,
  },
  rajesh: {
    name: 'Rajesh Mistry',
    job: 'Head of Joint Commissioning (Children)',
    role: 'lead',
    orgs: ['council', 'icb'],
    reliability: 0.8,
  },
  sarah: {
    name: 'Dr Sarah Whitlock',
    job: 'Designated Clinical Officer for SEND',
    role: 'lead',
    orgs: ['icb'],
    reliability: 0.88,
  },
  claire: {
    name: 'Claire Bellamy',
    job: 'Head of Children’s Therapies',
    role: 'lead',
    orgs: ['community'],
    reliability: 0.82,
  },
  seun: {
    name: 'Dr Oluwaseun Adeyemi',
    job: 'Clinical Lead, Neurodevelopmental Pathway',
    role: 'lead',
    orgs: ['community'],
    reliability: 0.75,
  },
  kirsty: {
    name: 'Kirsty Duncan',
    job: 'CAMHS Service Manager',
    role: 'lead',
    orgs: ['mentalHealth'],
    reliability: 0.7,
  },
  ben: {
    name: 'Ben Ashworth',
    job: 'Local Offer and Communications Manager',
    role: 'lead',
    orgs: ['council'],
    reliability: 0.92,
  },
  hannah: {
    name: 'Hannah Choudhury',
    job: 'Preparing for Adulthood Lead',
    role: 'lead',
    orgs: ['council'],
    reliability: 0.9,
  },
  martin: {
    name: 'Martin Cole',
    job: 'Head of Inclusion and SEN Support',
    role: 'lead',
    orgs: ['council'],
    reliability: 0.86,
  },
  louise: {
    name: 'Louise Fairbairn',
    job: 'Headteacher, Larkspur Hill School',
    role: 'lead',
    orgs: ['larkspur'],
    reliability: 0.8,
  },
  daniel: {
    name: 'Daniel Osei',
    job: 'Vice Principal (Inclusion), Northshire College',
    role: 'lead',
    orgs: ['college'],
    reliability: 0.84,
  },
  priya: {
    name: 'Priya Raman',
    job: 'Head of Performance and Business Intelligence',
    role: 'lead',
    orgs: ['council'],
    reliability: 0.95,
  },
  aisha: {
    name: 'Aisha Rahman',
    job: 'SEND Data Analyst',
    role: 'contributor',
    orgs: ['council'],
    reliability: 0.95,
  },
  lewis: {
    name: 'Lewis Grant',
    job: 'EHC Plan Quality Officer',
    role: 'contributor',
    orgs: ['council'],
    reliability: 0.9,
  },
  megan: {
    name: 'Megan Holloway',
    job: 'SENCO, Kestrel Moor Academy',
    role: 'contributor',
    orgs: ['kestrel'],
    reliability: 0.8,
  },
  sophie: {
    name: 'Sophie Kerr',
    job: 'SENDIASS Manager',
    role: 'contributor',
    orgs: ['sendiass'],
    reliability: 0.88,
  },
  margaret: {
    name: 'Cllr Margaret Doyle',
    job: 'Cabinet Member for Children and Families',
    role: 'viewer',
    orgs: ['council'],
    reliability: 0,
  },
  andrew: {
    name: 'Andrew Pennington',
    job: 'Chief Nurse and co-chair of the SEND Improvement Board',
    role: 'viewer',
    orgs: ['icb'],
    reliability: 0,
  },
  rachel: {
    name: 'Rachel Eldridge',
    job: 'Chair, Northshire Parent Carer Forum',
    role: 'forum',
    orgs: ['forum'],
    reliability: 0,
  },
  yusuf: {
    name: 'Yusuf Hassan',
    job: 'Participation Worker, Northshire Parent Carer Forum',
    role: 'forum',
    orgs: ['forum'],
    reliability: 0,
  },
  catherine: {
    name: 'Catherine Moss',
    job: 'SEND Adviser, Department for Education',
    role: 'adviser',
    orgs: [],
    reliability: 0,
  },
  paul: {
    name: 'Dr Paul Ferreira',
    job: 'SEND Adviser, NHS England',
    role: 'adviser',
    orgs: [],
    reliability: 0,
  },
} as const satisfies Record<string, DemoPerson>;
export type PersonKey = keyof typeof PEOPLE;

/** The partnership's own admin, who owns the plan and runs the rounds. */
export const LEAD_ADMIN: PersonKey = 'helen';
/** Writes an update now and then on a lead's behalf. */
export const PROGRAMME_MANAGER: PersonKey = 'tomasz';

/** first.last@domain, without titles ("Dr", "Cllr") or punctuation. */
export function demoEmail(name: string, domain: string): string {
  const words = name
    .replace(/^(Dr|Cllr) /, '')
    .normalize('NFKD')
    .replace(/[^A-Za-z ]/g, '')
    .toLowerCase()
    .split(' ');
  return `${words[0]}.${words[words.length - 1]}@${domain}`;
}

export const INSPECTION = {
  team: 'Ruth Calloway HMI (lead inspector); Mark Oduya, Ofsted Inspector; Emma Lister, CQC children’s services inspector',
  outcomeText:
    'The inspection raises significant concerns about the effectiveness of the local area.',
};

export const STRENGTHS_AND_AREAS: {
  type: 'strength' | 'area_for_development';
  question: Question;
  text: string;
}[] = [
  {
    type: 'strength',
    question: 'identify',
    text: 'Effective joint working in the early years helps to ensure that young children’s needs are identified early. Health visitors make good use of the two-year review, and the early support service responds quickly.',
  },
  {
    type: 'strength',
    question: 'identify',
    text: 'Babies born with complex needs are identified well. A joint visit by the health visitor and therapist soon after birth means that parents only need to ‘tell it once’.',
  },
  {
    type: 'strength',
    question: 'identify',
    text: 'The sensory support service is highly regarded by schools and families. Children with hearing and visual impairment are identified promptly.',
  },
  {
    type: 'area_for_development',
    question: 'identify',
    text: 'Not all mainstream schools identify and meet pupils’ needs at SEN support early enough. As a result, some parents believe that an EHC plan is the only way to make sure their child’s needs are met.',
  },
  {
    type: 'area_for_development',
    question: 'identify',
    text: 'Information about children’s needs is not shared consistently between health visitors, early years settings and schools when children start school.',
  },
  {
    type: 'area_for_development',
    question: 'identify',
    text: 'Waiting times for autism assessment are long and vary between districts, so some children’s needs are not identified until they reach secondary school.',
  },
  {
    type: 'strength',
    question: 'assess_meet',
    text: 'School leaders value the educational psychology service. Its advice for EHC needs assessments is timely and helpful.',
  },
  {
    type: 'strength',
    question: 'assess_meet',
    text: 'Special schools in the area are judged good or outstanding and meet the needs of their pupils well.',
  },
  {
    type: 'strength',
    question: 'assess_meet',
    text: 'Northshire SENDIASS provides helpful, impartial advice. Parents who have used it speak highly of it.',
  },
  {
    type: 'area_for_development',
    question: 'assess_meet',
    text: 'Too many EHC plans are issued late. Parents describe the process as adversarial and confusing.',
  },
  {
    type: 'area_for_development',
    question: 'assess_meet',
    text: 'Health and social care advice is often missing from EHC plans, and outcomes are too broad to measure progress against.',
  },
  {
    type: 'area_for_development',
    question: 'assess_meet',
    text: 'Children who need more than one therapist are not routinely offered a joint assessment. This leads to repeated appointments and greater stress for families.',
  },
  {
    type: 'area_for_development',
    question: 'assess_meet',
    text: 'Many families do not know about the Local Offer, and those who do find it difficult to navigate.',
  },
  {
    type: 'strength',
    question: 'outcomes',
    text: 'Outcomes for pupils at SEN support at the end of key stage 2 are improving and are now in line with those of similar pupils nationally.',
  },
  {
    type: 'strength',
    question: 'outcomes',
    text: 'Fixed-term exclusions of pupils with SEND have fallen following targeted work with secondary schools.',
  },
  {
    type: 'area_for_development',
    question: 'outcomes',
    text: 'Absence and persistent absence of pupils with EHC plans are higher than for similar pupils nationally.',
  },
  {
    type: 'area_for_development',
    question: 'outcomes',
    text: 'Too few young people with SEND move into employment. The supported internship programme is small.',
  },
  {
    type: 'area_for_development',
    question: 'outcomes',
    text: 'Leaders’ self-evaluation is not sharp enough to show the impact of their work on outcomes for children and young people.',
  },
];

export const WEAKNESSES = {
  leadership:
    'Leaders across education, health and care do not share one vision and strategy for SEND. Governance arrangements do not secure effective joint oversight or clear lines of accountability, and self-evaluation is not accurate enough to drive improvement.',
  commissioning:
    'Joint commissioning between the local authority and the ICB is underdeveloped. It is not informed by accurate analysis of need across the 0 to 25 age range, which leads to gaps in services and inequality between districts.',
  ehcPlans:
    'Too few EHC plans are issued within 20 weeks, and too many are of poor quality. Plans are not outcome-focused, often lack health and social care advice, and are not reviewed in a timely way.',
  coProduction:
    'Co-production with parents and carers is weak at both a strategic and an individual level. There is a great deal of parental dissatisfaction, and many parents feel disengaged from the system.',
  localOffer:
    'The published Local Offer is poor. It is out of date, difficult to navigate and underused, and too few families know about it or about the support available from SENDIASS.',
  healthWaits:
    'Waiting times for autism and other neurodevelopmental assessments, and for speech and language therapy and occupational therapy, are unacceptably long. Support for families while they wait is limited.',
  adulthood:
    'Preparation for adulthood is weak. EHC plans lack focus on post-16 aspirations, transition from children’s to adults’ health and care services is poorly planned, and too few young people with SEND move into employment.',
  identification:
    'The needs of children and young people at SEN support are not identified accurately or consistently. The high proportion of pupils identified with moderate learning difficulties is unexplained and may mask underlying communication, language, or social, emotional and mental health needs.',
} as const;
export type WeaknessKey = keyof typeof WEAKNESSES;

export type DemoMeasure = {
  text: string;
  /** Where the measure stood when the plan was written; updates move from here towards the target. */
  baseline?: number;
  target: number | null;
  unit?: '%' | ' weeks' | '';
};

export type DemoAction = {
  title: string;
  /** A short noun phrase for narratives: "the independent review". */
  topic: string;
  category: ActionCategory;
  lead: PersonKey;
  org: OrgKey;
  partners: OrgKey[];
  /** Months after the plan is signed off that work starts, and how many months it runs. */
  start: number;
  months: number;
  measures: DemoMeasure[];
  /** A sub-action ("3.5 a") of the nearest action before it that is not one. */
  subAction?: true;
};

export type DemoPriority = {
  title: string;
  description: string;
  /** Which narrative phrases fit its actions. */
  theme: Theme;
  weaknesses: WeaknessKey[];
  actions: DemoAction[];
};

export type Theme = 'leadership' | 'families' | 'ehc' | 'needs' | 'adulthood';

const a = (
  title: string,
  topic: string,
  category: ActionCategory,
  lead: PersonKey,
  org: OrgKey,
  partners: OrgKey[],
  start: number,
  months: number,
  ...measures: DemoMeasure[]
): DemoAction => ({ title, topic, category, lead, org, partners, start, months, measures });
/** Marks an action as a sub-action of the one before it, as plans letter them: 3.5 a, 3.5 b. */
const sub = (action: DemoAction): DemoAction => ({ ...action, subAction: true });

export const PRIORITIES: DemoPriority[] = [
  {
    title: 'Strategic leadership, governance and joint commissioning',
    description:
      'Leaders across education, health and care share one vision, know the area’s strengths and weaknesses from accurate data, hold each other to account, and commission services together from a shared analysis of need.',
    theme: 'leadership',
    weaknesses: ['leadership', 'commissioning'],
    actions: [
      a(
        'Establish the Northshire SEND Improvement Board, jointly chaired by the council and the ICB, with terms of reference agreed by every partner',
        'the SEND Improvement Board',
        'strategic',
        'adaeze',
        'council',
        ['icb', 'forum'],
        0,
        3,
        { text: 'Board meetings attended by every partner', baseline: 40, target: 90, unit: '%' },
      ),
      a(
        'Co-produce and publish a three-year SEND and Inclusion Strategy with families, schools and health partners',
        'the SEND and Inclusion Strategy',
        'strategic',
        'adaeze',
        'council',
        ['icb', 'forum', 'community'],
        1,
        11,
        { text: 'Strategy approved by Cabinet and the ICB board', target: null },
        {
          text: 'Forum members who agree the strategy reflects their priorities',
          baseline: 0,
          target: 75,
          unit: '%',
        },
      ),
      a(
        'Produce an accurate joint self-evaluation of the local area and refresh it every six months',
        'the joint self-evaluation',
        'strategic',
        'priya',
        'council',
        ['icb', 'forum'],
        0,
        8,
        {
          text: 'Self-evaluation refreshed and agreed by the Board',
          baseline: 0,
          target: 2,
          unit: '',
        },
      ),
      a(
        'Build a SEND performance dashboard across education, health and care and report it to every Board meeting',
        'the SEND performance dashboard',
        'strategic',
        'priya',
        'council',
        ['icb', 'community'],
        0,
        7,
        {
          text: 'Indicators with agreed definitions and targets',
          baseline: 6,
          target: 30,
          unit: '',
        },
      ),
      a(
        'Set up a SEND improvement risk register with escalation to the Children and Young People’s Partnership Board',
        'the SEND improvement risk register',
        'strategic',
        'tomasz',
        'council',
        ['icb'],
        0,
        4,
        { text: 'Risks reviewed at every Board meeting', baseline: 0, target: 100, unit: '%' },
      ),
      a(
        'Complete a joint strategic needs assessment chapter for children and young people with SEND aged 0 to 25',
        'the JSNA chapter on SEND',
        'commissioning',
        'rajesh',
        'council',
        ['icb', 'community'],
        1,
        10,
        { text: 'JSNA SEND chapter published', target: null },
      ),
      a(
        'Agree a joint commissioning strategy and a section 75 agreement between the council and the ICB',
        'the joint commissioning strategy and section 75 agreement',
        'commissioning',
        'rajesh',
        'council',
        ['icb'],
        3,
        13,
        { text: 'Section 75 agreement signed by both parties', target: null },
        {
          text: 'Services jointly commissioned under the agreement',
          baseline: 2,
          target: 8,
          unit: '',
        },
      ),
      a(
        'Map gaps in therapy provision in each of the three districts using the balanced system approach',
        'the therapy gap analysis',
        'commissioning',
        'sarah',
        'icb',
        ['community', 'council'],
        2,
        8,
        { text: 'Districts with a completed gap analysis', baseline: 0, target: 3, unit: '' },
      ),
      a(
        'Increase Designated Clinical Officer capacity, with a deputy DCO, so the DCO can promote SEND across every health provider',
        'the DCO capacity increase',
        'strategic',
        'sarah',
        'icb',
        [],
        0,
        6,
        { text: 'DCO and deputy DCO whole-time equivalent', baseline: 0.4, target: 1.5, unit: '' },
      ),
      a(
        'Train health practitioners in the SEND Code of Practice and their part in EHC needs assessments',
        'SEND training for health practitioners',
        'operational',
        'sarah',
        'icb',
        ['community', 'mentalHealth', 'hospital'],
        3,
        13,
        { text: 'Health practitioners trained', baseline: 40, target: 400, unit: '' },
      ),
      a(
        'Jointly plan sufficient local specialist places to reduce placements in independent schools out of the area',
        'the local specialist places plan',
        'commissioning',
        'rajesh',
        'council',
        ['larkspur', 'college', 'icb'],
        4,
        20,
        {
          text: 'Children in independent out-of-area placements',
          baseline: 212,
          target: 170,
          unit: '',
        },
      ),
      a(
        'Report progress to elected members and the ICB board every quarter through a SEND scrutiny report',
        'quarterly scrutiny reporting',
        'strategic',
        'adaeze',
        'council',
        ['icb'],
        2,
        17,
        { text: 'Quarterly reports presented to scrutiny', baseline: 0, target: 4, unit: '' },
      ),
      a(
        'Agree a high needs block sustainability plan with the Schools Forum',
        'the high needs block sustainability plan',
        'strategic',
        'adaeze',
        'council',
        ['icb', 'kestrel', 'larkspur'],
        3,
        14,
        {
          text: 'High needs block in-year deficit (£ million)',
          baseline: 14.2,
          target: 5,
          unit: '',
        },
      ),
    ],
  },
  {
    title: 'Working together with families: co-production and the Local Offer',
    description:
      'Parents, carers, children and young people are equal partners in designing services and their own plans; families can find what is available through a Local Offer that is accurate, easy to use and well known.',
    theme: 'families',
    weaknesses: ['coProduction', 'localOffer'],
    actions: [
      a(
        'Sign a co-production charter with Northshire Parent Carer Forum, agreed by every partner',
        'the co-production charter',
        'co_production',
        'helen',
        'council',
        ['forum', 'icb'],
        0,
        4,
        { text: 'Partners signed up to the charter', baseline: 0, target: 13, unit: '' },
      ),
      a(
        'Fund the Parent Carer Forum to take part in every workstream, with paid participation time',
        'forum participation in the workstreams',
        'co_production',
        'rajesh',
        'council',
        ['forum', 'icb'],
        0,
        6,
        { text: 'Workstreams with forum representation', baseline: 1, target: 8, unit: '' },
      ),
      a(
        'Set up Northshire Voices, a young people’s SEND advisory group',
        'Northshire Voices',
        'co_production',
        'hannah',
        'council',
        ['college', 'forum'],
        2,
        8,
        { text: 'Young people taking part regularly', baseline: 0, target: 25, unit: '' },
      ),
      a(
        'Publish a termly ‘you said, we did’ report with families on the Local Offer',
        'the ‘you said, we did’ reports',
        'co_production',
        'ben',
        'council',
        ['forum'],
        3,
        20,
        { text: 'Reports published', baseline: 0, target: 4, unit: '' },
      ),
      a(
        'Rebuild the Local Offer website with families so it is searchable, accessible and up to date',
        'the new Local Offer website',
        'operational',
        'ben',
        'council',
        ['forum', 'sendiass', 'icb'],
        1,
        14,
        { text: 'Local Offer visits per month', baseline: 2100, target: 6000, unit: '' },
      ),
      a(
        'Give every Local Offer entry a named owner and a review date, and review every entry at least once a year',
        'the Local Offer content review',
        'operational',
        'ben',
        'council',
        ['icb', 'community'],
        2,
        8,
        { text: 'Entries reviewed in the last 12 months', baseline: 35, target: 95, unit: '%' },
      ),
      a(
        'Add health and social care information to the Local Offer, including therapy and short-break criteria',
        'health and care content on the Local Offer',
        'operational',
        'sarah',
        'icb',
        ['council', 'community'],
        3,
        10,
        {
          text: 'Health services listed with eligibility and waiting times',
          baseline: 12,
          target: 60,
          unit: '',
        },
      ),
      a(
        'Run a communications campaign so families know about the Local Offer and SENDIASS',
        'the Local Offer and SENDIASS campaign',
        'operational',
        'ben',
        'council',
        ['sendiass', 'forum', 'fernhollow', 'kestrel'],
        4,
        8,
        {
          text: 'Parents surveyed who know about the Local Offer',
          baseline: 31,
          target: 70,
          unit: '%',
        },
      ),
      a(
        'Increase SENDIASS capacity and publish an evaluation of its impact',
        'SENDIASS capacity',
        'operational',
        'sophie',
        'sendiass',
        ['council'],
        2,
        11,
        { text: 'Families supported each quarter', baseline: 180, target: 300, unit: '' },
      ),
      a(
        'Survey parents and carers twice a year to measure their confidence in the local area',
        'the parent and carer confidence survey',
        'co_production',
        'priya',
        'council',
        ['forum'],
        1,
        18,
        {
          text: 'Parents and carers confident their child’s needs will be met',
          baseline: 23,
          target: 50,
          unit: '%',
        },
      ),
      a(
        'Train practitioners across education, health and care in person-centred practice and co-production',
        'person-centred practice training',
        'co_production',
        'martin',
        'council',
        ['forum', 'community', 'fernhollow', 'kestrel'],
        3,
        13,
        { text: 'Practitioners trained', baseline: 0, target: 600, unit: '' },
      ),
      a(
        'Improve complaints handling and learn from mediation and tribunal decisions',
        'complaints and tribunal learning',
        'operational',
        'gareth',
        'council',
        ['sendiass'],
        4,
        11,
        {
          text: 'Complaints answered within 20 working days',
          baseline: 54,
          target: 90,
          unit: '%',
        },
      ),
    ],
  },
  {
    title: 'Timely, high-quality EHC plans',
    description:
      'EHC needs assessments finish within 20 weeks, every plan has the right education, health and care advice and specific, outcome-focused provision, and annual reviews keep plans up to date.',
    theme: 'ehc',
    weaknesses: ['ehcPlans'],
    actions: [
      a(
        'Commission an independent review of the EHC needs assessment process, from request to final plan',
        'the independent review of the assessment process',
        'strategic',
        'gareth',
        'council',
        ['icb', 'forum'],
        0,
        6,
        { text: 'Review recommendations accepted by the Board', target: null },
      ),
      a(
        'Recruit to the new SEND statutory team structure, including six more EHC coordinators',
        'recruitment to the statutory team',
        'operational',
        'gareth',
        'council',
        [],
        0,
        8,
        { text: 'EHC coordinator vacancies', baseline: 9, target: 0, unit: '' },
      ),
      a(
        'Clear the backlog of EHC needs assessments open for more than 20 weeks',
        'the assessment backlog',
        'operational',
        'gareth',
        'council',
        ['icb', 'community'],
        1,
        11,
        { text: 'Assessments open for more than 20 weeks', baseline: 410, target: 50, unit: '' },
      ),
      a(
        'Increase the share of new EHC plans issued within 20 weeks',
        '20-week timeliness',
        'operational',
        'gareth',
        'council',
        ['icb', 'community', 'mentalHealth'],
        1,
        20,
        {
          text: 'New EHC plans issued within 20 weeks, excluding exceptions',
          baseline: 31,
          target: 60,
          unit: '%',
        },
      ),
      a(
        'Agree with families and practitioners what a good EHC plan looks like, and publish the standard',
        'the EHC plan quality standard',
        'co_production',
        'lewis',
        'council',
        ['forum', 'icb'],
        1,
        6,
        { text: 'Quality standard published', target: null },
      ),
      sub(
        a(
          'Audit EHC plans every month with multi-agency moderation across education, health and care',
          'multi-agency EHC plan audits',
          'operational',
          'lewis',
          'council',
          ['icb', 'community', 'forum'],
          2,
          17,
          { text: 'Audited plans judged good or better', baseline: 18, target: 70, unit: '%' },
        ),
      ),
      sub(
        a(
          'Return health advice for EHC needs assessments within six weeks',
          'health advice timeliness',
          'operational',
          'sarah',
          'icb',
          ['community', 'mentalHealth', 'hospital'],
          1,
          13,
          { text: 'Health advice returned within 6 weeks', baseline: 42, target: 90, unit: '%' },
        ),
      ),
      sub(
        a(
          'Include social care advice in every EHC needs assessment for a child known to social care',
          'social care advice in assessments',
          'operational',
          'gareth',
          'council',
          [],
          2,
          8,
          {
            text: 'Plans with social care advice where the child is known to social care',
            baseline: 45,
            target: 95,
            unit: '%',
          },
        ),
      ),
      a(
        'Bring annual reviews up to date and issue amended plans within the statutory timescales',
        'annual reviews',
        'operational',
        'gareth',
        'council',
        ['fernhollow', 'kestrel', 'larkspur', 'college'],
        3,
        17,
        {
          text: 'Annual reviews completed within 12 months',
          baseline: 48,
          target: 85,
          unit: '%',
        },
      ),
      a(
        'Introduce an online EHC hub so families, schools and health professionals can see and contribute to plans',
        'the online EHC hub',
        'operational',
        'priya',
        'council',
        ['icb', 'forum'],
        4,
        14,
        { text: 'Assessments managed through the hub', baseline: 0, target: 90, unit: '%' },
      ),
      a(
        'Share final EHC plans with early years settings and schools when they are issued',
        'sharing final plans with settings',
        'operational',
        'lewis',
        'council',
        ['wrens', 'fernhollow'],
        2,
        6,
        {
          text: 'Plans shared with the setting within 5 working days',
          baseline: 60,
          target: 95,
          unit: '%',
        },
      ),
      a(
        'Train EHC coordinators and SENCOs to write specific, outcome-focused plans',
        'outcome-focused plan writing training',
        'operational',
        'fiona',
        'council',
        ['fernhollow', 'kestrel', 'cuthwin', 'forum'],
        2,
        8,
        { text: 'Coordinators and SENCOs trained', baseline: 0, target: 180, unit: '' },
      ),
    ],
  },
  {
    title:
      'Identifying and meeting needs early: SEN support, neurodevelopmental and therapy pathways',
    description:
      'Schools and settings identify needs accurately and meet them through a consistent graduated approach; children wait no longer than national guidance allows for assessment and therapy, and families are supported while they wait.',
    theme: 'needs',
    weaknesses: ['identification', 'healthWaits'],
    actions: [
      a(
        'Analyse identification of moderate learning difficulties by school, district and phase with funnel plots, and contact every outlier school',
        'the MLD identification analysis',
        'strategic',
        'priya',
        'council',
        ['fernhollow', 'kestrel', 'cuthwin'],
        0,
        6,
        {
          text: 'Schools with a significantly high MLD rate visited',
          baseline: 0,
          target: 100,
          unit: '%',
        },
      ),
      sub(
        a(
          'Review how schools record primary and secondary needs, and correct the school census',
          'the needs recording review',
          'operational',
          'fiona',
          'council',
          ['fernhollow', 'kestrel', 'cuthwin'],
          2,
          11,
          {
            text: 'Pupils at SEN support with MLD recorded as their primary need',
            baseline: 31,
            target: 22,
            unit: '%',
          },
        ),
      ),
      a(
        'Publish ordinarily available provision guidance and a graduated approach toolkit for every setting',
        'the ordinarily available provision guidance',
        'operational',
        'martin',
        'council',
        ['fernhollow', 'kestrel', 'cuthwin', 'wrens', 'forum'],
        1,
        8,
        { text: 'Settings using the toolkit', baseline: 0, target: 80, unit: '%' },
      ),
      a(
        'Set up district SENCO networks with peer challenge and cluster-level data',
        'the district SENCO networks',
        'operational',
        'martin',
        'council',
        ['fernhollow', 'kestrel', 'cuthwin', 'larkspur'],
        2,
        7,
        {
          text: 'Schools represented at a SENCO network each term',
          baseline: 38,
          target: 85,
          unit: '%',
        },
      ),
      a(
        'Train early years settings in early identification, with a link educational psychologist in each district',
        'early identification training for early years settings',
        'operational',
        'fiona',
        'council',
        ['wrens', 'community'],
        3,
        11,
        { text: 'Early years settings trained', baseline: 12, target: 120, unit: '' },
      ),
      a(
        'Redesign the neurodevelopmental pathway so autism and ADHD assessments meet NICE guidance',
        'the neurodevelopmental pathway redesign',
        'commissioning',
        'seun',
        'community',
        ['icb', 'mentalHealth', 'hospital', 'forum'],
        0,
        14,
        {
          text: 'Children waiting more than 18 weeks for an autism assessment',
          baseline: 1240,
          target: 300,
          unit: '',
        },
      ),
      a(
        'Commission extra autism assessment capacity from an independent provider to reduce the longest waits',
        'the additional autism assessment capacity',
        'commissioning',
        'rajesh',
        'icb',
        ['community'],
        1,
        13,
        {
          text: 'Longest wait for an autism assessment',
          baseline: 104,
          target: 52,
          unit: ' weeks',
        },
      ),
      a(
        'Offer families support while they wait: workshops, a named contact and a check-in every three months',
        'the waiting well offer',
        'operational',
        'seun',
        'community',
        ['forum', 'sendiass', 'council'],
        2,
        8,
        {
          text: 'Families on the waiting list contacted every 3 months',
          baseline: 0,
          target: 90,
          unit: '%',
        },
      ),
      a(
        'Reduce waits for speech and language therapy to no more than 18 weeks',
        'speech and language therapy waits',
        'operational',
        'claire',
        'community',
        ['icb', 'fernhollow', 'kestrel'],
        1,
        17,
        {
          text: 'Children waiting more than 18 weeks for speech and language therapy',
          baseline: 520,
          target: 50,
          unit: '',
        },
      ),
      a(
        'Reduce waits for children’s occupational therapy and open a sensory advice line',
        'occupational therapy waits',
        'operational',
        'claire',
        'community',
        ['icb', 'council'],
        2,
        14,
        { text: 'Median wait for occupational therapy', baseline: 46, target: 18, unit: ' weeks' },
      ),
      a(
        'Reduce CAMHS waiting times for children and young people with SEND, including autistic young people',
        'CAMHS waiting times',
        'operational',
        'kirsty',
        'mentalHealth',
        ['icb', 'council', 'kestrel'],
        1,
        17,
        {
          text: 'Children seen within 4 weeks of referral',
          baseline: 28,
          target: 75,
          unit: '%',
        },
      ),
      a(
        'Run joint assessment clinics so children who need more than one therapist are seen together',
        'the joint assessment clinics',
        'operational',
        'claire',
        'community',
        ['hospital', 'mentalHealth'],
        4,
        11,
        { text: 'Joint clinics held each month', baseline: 0, target: 12, unit: '' },
      ),
    ],
  },
  {
    title: 'Preparing for adulthood',
    description:
      'From Year 9, every young person with an EHC plan plans for adult life: education, employment, independent living, friendships and good health, with a smooth move from children’s to adults’ services.',
    theme: 'adulthood',
    weaknesses: ['adulthood'],
    actions: [
      a(
        'Write a preparing for adulthood strategy with young people, covering Year 9 to age 25',
        'the preparing for adulthood strategy',
        'strategic',
        'hannah',
        'council',
        ['college', 'forum', 'icb'],
        1,
        8,
        { text: 'Strategy published', target: null },
      ),
      a(
        'Make sure every annual review from Year 9 includes preparing for adulthood outcomes',
        'preparing for adulthood outcomes in annual reviews',
        'operational',
        'hannah',
        'council',
        ['kestrel', 'larkspur', 'college'],
        2,
        14,
        {
          text: 'Reviews from Year 9 with preparing for adulthood outcomes',
          baseline: 22,
          target: 90,
          unit: '%',
        },
      ),
      a(
        'Agree a transition protocol between children’s and adults’ health services, with a named transition worker',
        'the health transition protocol',
        'commissioning',
        'sarah',
        'icb',
        ['community', 'hospital', 'mentalHealth'],
        3,
        13,
        {
          text: 'Young people with complex health needs who have a transition plan by 17',
          baseline: 15,
          target: 80,
          unit: '%',
        },
      ),
      a(
        'Expand supported internships with local employers',
        'supported internships',
        'operational',
        'daniel',
        'college',
        ['council'],
        2,
        17,
        { text: 'Young people on supported internships', baseline: 8, target: 40, unit: '' },
      ),
      a(
        'Develop local post-19 provision for young people with the most complex needs',
        'local post-19 provision',
        'commissioning',
        'rajesh',
        'council',
        ['college', 'larkspur', 'icb'],
        4,
        20,
        {
          text: 'Young people with complex needs in local post-19 provision',
          baseline: 14,
          target: 40,
          unit: '',
        },
      ),
      a(
        'Offer independent travel training to young people aged 14 to 25',
        'independent travel training',
        'operational',
        'louise',
        'larkspur',
        ['college', 'council'],
        3,
        13,
        { text: 'Young people completing travel training', baseline: 0, target: 80, unit: '' },
      ),
      a(
        'Agree a transition process from children’s to adult social care that starts at 14',
        'the social care transition process',
        'operational',
        'adaeze',
        'council',
        [],
        2,
        11,
        {
          text: 'Young people known to adult social care by 17',
          baseline: 40,
          target: 90,
          unit: '%',
        },
      ),
      a(
        'Publish a post-16 options guide on the Local Offer with the college and training providers',
        'the post-16 options guide',
        'co_production',
        'ben',
        'council',
        ['college', 'forum'],
        4,
        6,
        { text: 'Guide published and reviewed by young people', target: null },
      ),
      a(
        'Track the destinations of young people with SEND at 16, 18 and 25 and report them to the Board',
        'destination tracking',
        'strategic',
        'priya',
        'council',
        ['college'],
        1,
        8,
        {
          text: 'Young people with EHC plans in education, employment or training at 17',
          baseline: 81,
          target: 92,
          unit: '%',
        },
      ),
      a(
        'Create a careers and employment pathway for young people with EHC plans, with job coaches',
        'the employment pathway',
        'operational',
        'daniel',
        'college',
        ['council', 'larkspur'],
        3,
        17,
        {
          text: 'Young people with EHC plans in paid employment at 25',
          baseline: 4,
          target: 10,
          unit: '%',
        },
      ),
      a(
        'Co-produce health passports so young people moving to adult services only have to tell their story once',
        'health passports',
        'co_production',
        'sarah',
        'icb',
        ['forum', 'hospital'],
        3,
        8,
        {
          text: 'Young people with a health passport at transition',
          baseline: 10,
          target: 75,
          unit: '%',
        },
      ),
    ],
  },
];

/** Phrases for monthly updates, by theme, in the voice of the partnership's own reports. */
export const PHRASES: Record<
  Theme,
  { progress: string[]; concern: string[]; next: string[]; done: string[] }
> = {
  leadership: {
    progress: [
      'Terms of reference have been agreed by all partners and membership confirmed.',
      'The draft was discussed at the SEND Improvement Board and comments from the ICB and the Parent Carer Forum have been incorporated.',
      'Data from the school census, SEN2 and health providers is now brought together in one place.',
      'Task and finish group met twice this month; attendance from health colleagues has improved.',
      'Partners agreed the shared outcomes framework at the development session.',
      'The DfE and NHS England advisers were positive about progress at the last monitoring visit.',
      'Finance colleagues from the council and the ICB have agreed the pooled budget principles.',
    ],
    concern: [
      'Capacity in the commissioning team remains stretched following two vacancies.',
      'Sign-off has been delayed by the ICB governance cycle; the item is now scheduled for the next board.',
      'Health provider data is not yet available at district level, which limits the analysis.',
      'Competing pressures on the high needs block mean the timetable has been revised.',
      'The legal review of the section 75 agreement has taken longer than planned.',
    ],
    next: [
      'present the final version to the SEND Improvement Board',
      'share the draft with the Parent Carer Forum for comment',
      'agree the reporting cycle with the Children and Young People’s Partnership Board',
      'refresh the data set for the next Board meeting',
      'take the paper to Cabinet and the ICB board',
    ],
    done: [
      'Signed off by the SEND Improvement Board.',
      'Approved by Cabinet and the ICB board.',
      'Now part of business as usual and monitored through the performance framework.',
    ],
  },
  families: {
    progress: [
      'The Parent Carer Forum co-chaired the workshop and families’ comments are being built into the next version.',
      'Young people from Northshire Voices tested the pages and suggested clearer wording, which has been adopted.',
      'SENDIASS and the forum promoted the work through their newsletters and social media.',
      'Feedback from the drop-in sessions in each district has been themed and shared with the Board.',
      'Schools have been asked to share the information with families through their SEN information reports.',
      'The ‘you said, we did’ summary was published and shared with schools.',
    ],
    concern: [
      'The website supplier has slipped its delivery date by six weeks.',
      'Fewer families responded than hoped; the forum is helping to reach parents who do not usually take part.',
      'Some partners have not yet updated their entries despite reminders.',
      'Parents told us the pace of change is too slow; this has been escalated to the Board.',
      'Forum capacity is limited over the summer holidays.',
    ],
    next: [
      'run a second round of testing with parents and young people',
      'publish the summary on the Local Offer',
      'hold the next co-production session with the forum',
      'report the survey results to the SEND Improvement Board',
      'agree the communications plan with SENDIASS and schools',
    ],
    done: [
      'Launched, and feedback from families has been positive.',
      'Complete: families helped to shape it from the start and the forum has endorsed it.',
      'Published on the Local Offer and shared with every school and setting.',
    ],
  },
  ehc: {
    progress: [
      'Two new EHC coordinators started this month and caseloads are beginning to reduce.',
      'The multi-agency audit panel looked at a sample of plans; health sections were stronger than last quarter.',
      'Weekly tracking meetings are in place for every assessment approaching the 15-week point.',
      'Health advice requests are now sent through a single mailbox monitored by the DCO’s team.',
      'Feedback from parents in the audit sample has been shared with coordinators.',
      'Moderation with schools and health colleagues agreed the grading of all audited plans.',
    ],
    concern: [
      'Requests for EHC needs assessments remain about 20% higher than last year, which is putting pressure on timeliness.',
      'Educational psychology advice is taking longer because of two vacancies; locum cover is being sourced.',
      'Recruitment has been difficult and agency staff are covering the gaps.',
      'Quality of outcomes in plans remains variable between teams.',
      'Annual reviews for post-16 young people are behind because of the volume of phase transfers.',
    ],
    next: [
      'feed back the audit findings to coordinators and SENCOs',
      'complete the phase transfer reviews by 15 February',
      'report timeliness by district to the Board',
      'review the quality assurance framework with the forum',
      'run the next moderation session with health and social care',
    ],
    done: [
      'Complete, and improvement is now tracked through the monthly audit.',
      'Closed: the new process is embedded and monitored through the performance dashboard.',
      'Complete; the Board agreed to monitor the impact through the audit programme.',
    ],
  },
  needs: {
    progress: [
      'The waiting list has reduced for the third month running.',
      'Additional clinics were run on Saturdays through the waiting list initiative.',
      'The triage model is now live and referrals are being screened within two weeks.',
      'SENCO network meetings were held in all three districts with good attendance.',
      'The funnel plot analysis was shared with headteachers and the schools with the highest rates have been visited.',
      'Early years settings have welcomed the training and the link psychologists.',
    ],
    concern: [
      'Referrals have risen again and demand continues to exceed capacity.',
      'Recruitment to speech and language therapy posts has not been successful; the posts have been re-advertised.',
      'The independent provider has started later than planned.',
      'Some schools have not engaged with the needs recording review.',
      'Staff sickness in the team has reduced the number of assessments completed this month.',
    ],
    next: [
      'agree the recovery trajectory with the ICB',
      'report waiting times by district to the Board',
      'share the findings with the SENCO networks',
      'review the waiting well offer with the Parent Carer Forum',
      'evaluate the pilot and agree whether to extend it',
    ],
    done: [
      'Complete; waiting times are now monitored monthly through the performance dashboard.',
      'The new pathway is fully in place and families’ feedback has been positive.',
      'Complete, with the schools concerned now supported through the SENCO networks.',
    ],
  },
  adulthood: {
    progress: [
      'Young people from Northshire Voices helped to write the draft and chose its name.',
      'Northshire College has agreed placements with four new employers.',
      'Preparing for adulthood training was delivered to SENCOs at secondary and special schools.',
      'The transition panel now meets monthly and reviews every young person from age 14.',
      'A careers fair for young people with SEND was held at Northshire College.',
    ],
    concern: [
      'Employer take-up has been slower than expected.',
      'Adult services capacity is limiting the number of young people who can be assessed early.',
      'Transport arrangements for post-19 provision are still being resolved.',
      'Data on destinations at 25 is incomplete.',
    ],
    next: [
      'present the draft to the SEND Improvement Board',
      'agree the protocol with adult services',
      'hold the next employer engagement event',
      'review the first cohort’s outcomes with the college',
    ],
    done: [
      'Complete and published on the Local Offer.',
      'Complete; the first cohort has finished and outcomes have been reported to the Board.',
      'Now embedded in annual reviews and tracked through the audit.',
    ],
  },
};
