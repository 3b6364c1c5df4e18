/**
 * A board report or monitoring pack, written from the partnership's figures in the shape of a
 * council committee report: numbered sections and paragraphs, RAG tables, exceptions, charts.
 * Pure: the facts it keeps let the next report say what changed, and tests read its words.
 */
import {
  IMPLICATIONS,
  priorityChange,
  ragMovement,
  ragWord,
  SECTION_LABELS,
  type RagOrNone,
  type ReportFacts,
  type ReportKind,
  type Section,
  type Typed,
} from './board-report-rules.js';
import { NumberedWriter, type DocumentModel } from './document-model.js';
import { inSentence, longDate } from './words.js';

export type SourceAction = {
  id: string;
  number: string;
  title: string;
  /** The key of the priority it is reported under (see SourcePriority.key). */
  priorityKey: string;
  lead: string | null;
  leadOrganisation: string | null;
  dueDate: string | null;
  baselineDueDate: string | null;
  status: string;
  statusLabel: string;
  rag: RagOrNone;
  /** YYYY-MM-DD of its latest update, if any. */
  lastUpdateOn: string | null;
  /** The plan it is included from, when another plan's. */
  includedFrom: string | null;
};

export type SourcePriority = {
  key: string;
  label: string;
  findingIds: string[];
};

export type SourcePlan = {
  id: string;
  title: string;
  kindLabel: string;
  statusLabel: string;
  priorities: SourcePriority[];
  actions: SourceAction[];
  findings: {
    id: string;
    typeLabel: string;
    isWeakness: boolean;
    text: string;
    judgement: string | null;
  }[];
};

export type SourceIndicator = {
  id: string;
  name: string;
  latest: string | null;
  previous: string | null;
  changeText: string | null;
  directionText: string | null;
  rag: RagOrNone;
  targetText: string | null;
  chart: { svg: string; title: string } | null;
};

export type SourceRisk = {
  title: string;
  owner: string | null;
  rating: string;
  score: number;
  outsideTolerance: boolean;
  reviewDue: string | null;
};

export type ReportSource = {
  partnershipName: string;
  plans: SourcePlan[];
  indicators: SourceIndicator[];
  risks: { top: SourceRisk[]; overdueReviews: number };
  meeting: { boardName: string; meetsOn: string } | null;
  authorName: string | null;
};

export type ReportOptions = {
  kind: ReportKind;
  title: string;
  periodFrom: string;
  periodTo: string;
  sections: readonly Section[];
  typed: Typed;
  /** The day it is written: overdue is judged against it. */
  today: string;
};

export type PreviousReport = { title: string; createdOn: string; facts: ReportFacts };

/** Charts beyond this many are left to the indicators' own pages, to keep the paper readable. */
export const MAX_CHARTS = 20;

const DAY_MS = 86_400_000;
const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A rating a board reads: complete actions count as green, as the plan's roll-ups say. */
const effectiveRag = (a: SourceAction): RagOrNone => (a.status === 'complete' ? 'green' : a.rag);
const isOverdue = (a: SourceAction, today: string) =>
  a.status !== 'complete' && a.dueDate !== null && a.dueDate < today;
const slipDays = (a: SourceAction) =>
  a.baselineDueDate && a.dueDate ? days(a.baselineDueDate, a.dueDate) : 0;

type Tally = { total: number; complete: number; red: number; amber: number; green: number };
function tally(actions: readonly SourceAction[]): Tally & { rag: RagOrNone } {
  const t = { total: actions.length, complete: 0, red: 0, amber: 0, green: 0 };
  for (const a of actions) {
    if (a.status === 'complete') t.complete++;
    const rag = effectiveRag(a);
    if (rag) t[rag]++;
  }
  return { ...t, rag: worst(actions.map(effectiveRag)) };
}
function worst(rags: RagOrNone[]): RagOrNone {
  if (rags.includes('red')) return 'red';
  if (rags.includes('amber')) return 'amber';
  if (rags.includes('green')) return 'green';
  return null;
}

/**
 * Every action the report covers, once: a plan may include another's actions, and a report on
 * both plans counts each action one time (the per-plan tables still show it in each plan).
 */
export function actionsOnce(source: ReportSource): SourceAction[] {
  const seen = new Map<string, SourceAction>();
  for (const a of source.plans.flatMap((p) => p.actions)) if (!seen.has(a.id)) seen.set(a.id, a);
  return [...seen.values()];
}

/** The figures this report keeps, for the next one to compare with. */
export function factsOf(source: ReportSource): ReportFacts {
  const actions: ReportFacts['actions'] = {};
  const priorities: ReportFacts['priorities'] = {};
  const all = actionsOnce(source);
  for (const a of all)
    actions[a.id] = {
      number: a.number,
      title: a.title,
      status: a.status,
      rag: effectiveRag(a),
      dueDate: a.dueDate,
    };
  for (const plan of source.plans)
    for (const p of plan.priorities) {
      const t = tally(plan.actions.filter((a) => a.priorityKey === p.key));
      priorities[p.key] = {
        label: p.label,
        rag: t.rag,
        total: t.total,
        complete: t.complete,
        red: t.red,
      };
    }
  const t = tally(all);
  return {
    actions,
    priorities,
    indicators: Object.fromEntries(
      source.indicators.map((i) => [i.id, { name: i.name, latest: i.latest }]),
    ),
    totals: { total: t.total, complete: t.complete, red: t.red, amber: t.amber, green: t.green },
  };
}

export function boardReport(
  source: ReportSource,
  options: ReportOptions,
  previous: PreviousReport | null,
): DocumentModel {
  const w = new NumberedWriter();
  const { today } = options;
  const chosen = new Set(options.sections);
  const all = actionsOnce(source);
  const facts = factsOf(source);
  const planNames = source.plans.map((p) => p.title).join(', ');
  const period = `${longDate(options.periodFrom)} to ${longDate(options.periodTo)}`;
  const typedOr = (text: string, none: string) => (text.trim() ? text.trim() : none);
  const paragraphs = (text: string) =>
    text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);

  for (const section of options.sections) {
    if (!chosen.has(section)) continue;
    switch (section) {
      case 'purpose': {
        w.heading(SECTION_LABELS.purpose);
        const typed = paragraphs(options.typed.purpose);
        if (typed.length) typed.forEach((p) => w.para(p));
        else
          w.para(
            `This report updates ${source.meeting ? `the ${source.meeting.boardName}` : 'the board'} on progress with ${planNames} from ${period}.`,
          );
        break;
      }
      case 'recommendations': {
        w.heading(SECTION_LABELS.recommendations);
        const lines = options.typed.recommendations
          .split('\n')
          .map((l) => l.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim())
          .filter(Boolean);
        if (lines.length) {
          w.para(
            `${source.meeting ? `The ${source.meeting.boardName}` : 'The board'} is asked to:`,
          );
          w.list(lines);
        } else
          w.para(
            `${source.meeting ? `The ${source.meeting.boardName}` : 'The board'} is asked to note the progress set out in this report.`,
          );
        break;
      }
      case 'summary':
        summary(w, source, options, all, previous);
        break;
      case 'priorities':
        w.heading(SECTION_LABELS.priorities);
        for (const plan of source.plans) {
          if (source.plans.length > 1) w.subheading(plan.title);
          if (!plan.priorities.length) {
            w.para(`${plan.title} has no priorities yet.`);
            continue;
          }
          w.table(
            `Progress by priority: ${plan.title}`,
            [
              'Priority',
              'RAG',
              'Actions',
              'Complete',
              'Red',
              'Amber',
              'Green',
              'Since last report',
            ],
            plan.priorities.map((p) => {
              const f = facts.priorities[p.key]!;
              const t = tally(plan.actions.filter((a) => a.priorityKey === p.key));
              return [
                p.label,
                ragWord(f.rag),
                String(t.total),
                String(t.complete),
                String(t.red),
                String(t.amber),
                String(t.green),
                previous ? priorityChange(previous.facts.priorities[p.key], f) : 'First report',
              ];
            }),
            [28, 10, 9, 10, 7, 9, 9, 18],
          );
        }
        break;
      case 'findings':
        findingsSection(w, source, options);
        break;
      case 'exceptions':
        exceptions(w, all, today);
        break;
      case 'slippage':
        slippage(w, all);
        break;
      case 'indicators':
        indicatorsSection(w, source, options.kind, previous);
        break;
      case 'risks':
        w.heading(SECTION_LABELS.risks);
        if (!source.risks.top.length) w.para('No open risks are recorded.');
        else {
          w.para(
            `${source.risks.top.length === 1 ? 'The open risk with the highest current rating is' : `The ${source.risks.top.length} open risks with the highest current ratings are`} below.${source.risks.overdueReviews ? ` ${plural(source.risks.overdueReviews, 'risk is', 'risks are')} past their review date.` : ' No risk is past its review date.'}`,
          );
          w.table(
            'Top risks',
            ['Risk', 'Owner', 'Current rating', 'Within tolerance', 'Review due'],
            source.risks.top.map((r) => [
              r.title,
              r.owner ?? 'No owner',
              r.rating,
              r.outsideTolerance ? 'No: outside tolerance' : 'Yes',
              longDate(r.reviewDue) || 'Not set',
            ]),
            [40, 18, 12, 15, 15],
          );
        }
        break;
      case 'decisions':
        w.heading(SECTION_LABELS.decisions);
        paragraphs(
          typedOr(options.typed.decisions, 'No decisions are needed at this meeting.'),
        ).forEach((p) => w.para(p));
        break;
      case 'next_steps':
        w.heading(SECTION_LABELS.next_steps);
        paragraphs(
          typedOr(
            options.typed.nextSteps,
            `Action leads will continue to record monthly updates; the next report will show the change since this one.`,
          ),
        ).forEach((p) => w.para(p));
        break;
      case 'implications':
        w.heading(SECTION_LABELS.implications);
        for (const [field, label] of IMPLICATIONS) {
          w.subheading(label);
          paragraphs(typedOr(options.typed[field], 'None identified.')).forEach((p) => w.para(p));
        }
        break;
    }
  }

  return {
    title: options.title,
    subtitle: [
      source.partnershipName,
      source.meeting
        ? `${source.meeting.boardName}, ${longDate(source.meeting.meetsOn)}`
        : options.kind === 'monitoring'
          ? 'Monitoring meeting with the DfE and NHS England'
          : 'Report to the board',
      `Period: ${period}`,
      ...(source.authorName ? [`Report author: ${source.authorName}`] : []),
    ],
    blocks: w.blocks,
    footer: `Produced by Sendboard on ${longDate(today)} from the partnership’s records at that time.`,
  };
}

function summary(
  w: NumberedWriter,
  source: ReportSource,
  options: ReportOptions,
  all: readonly SourceAction[],
  previous: PreviousReport | null,
) {
  w.heading(SECTION_LABELS.summary);
  const t = tally(all);
  const unrated = t.total - t.red - t.amber - t.green;
  const overdue = all.filter((a) => isOverdue(a, options.today)).length;
  const slipped = all.filter((a) => slipDays(a) > 0).length;
  const updated = all.filter(
    (a) =>
      a.lastUpdateOn !== null &&
      a.lastUpdateOn >= options.periodFrom &&
      a.lastUpdateOn <= options.periodTo,
  ).length;
  w.para(
    `This ${options.kind === 'monitoring' ? 'pack' : 'report'} covers ${source.plans.map((p) => `${p.title} (${inSentence(p.kindLabel)}, ${inSentence(p.statusLabel)})`).join('; ')}, from ${longDate(options.periodFrom)} to ${longDate(options.periodTo)}.`,
  );
  if (!t.total) {
    w.para('The plans have no actions yet.');
    return;
  }
  const percent = Math.round((100 * t.complete) / t.total);
  w.para(
    `Of ${plural(t.total, 'action')}, ${t.complete} ${t.complete === 1 ? 'is' : 'are'} complete (${percent}%). ${t.green} ${t.green === 1 ? 'is' : 'are'} rated green, ${t.amber} amber and ${t.red} red; ${unrated} ${unrated === 1 ? 'has' : 'have'} no update yet.`,
  );
  w.para(
    `${plural(overdue, 'action is', 'actions are')} past ${overdue === 1 ? 'its' : 'their'} due date and ${plural(slipped, 'action has', 'actions have')} a later due date than first planned. ${plural(updated, 'action was', 'actions were')} updated during the period.`,
  );
  if (previous) {
    const moves = all.map((a) => {
      const before = previous.facts.actions[a.id];
      return before ? ragMovement(before.rag, effectiveRag(a)) : 0;
    });
    const better = moves.filter((m) => m > 0).length;
    const worse = moves.filter((m) => m < 0).length;
    const done = t.complete - previous.facts.totals.complete;
    w.para(
      `Since the last report (“${previous.title}”, ${longDate(previous.createdOn)}), ${plural(better, 'action')} improved ${better === 1 ? 'its' : 'their'} rating and ${plural(worse, 'action')} worsened; ${done > 0 ? `${plural(done, 'more action')} ${done === 1 ? 'was' : 'were'} completed` : done === 0 ? 'no more actions were completed' : `${plural(-done, 'action')} fewer ${-done === 1 ? 'is' : 'are'} complete`}.`,
    );
  } else w.para('This is the first report of its kind for these plans in Sendboard.');
}

function findingsSection(w: NumberedWriter, source: ReportSource, options: ReportOptions) {
  const monitoring = options.kind === 'monitoring';
  w.heading(monitoring ? 'Progress against each weakness' : SECTION_LABELS.findings);
  let any = false;
  for (const plan of source.plans) {
    const findings = monitoring ? plan.findings.filter((f) => f.isWeakness) : plan.findings;
    const answered = findings
      .map((f) => {
        const keys = new Set(
          plan.priorities.filter((p) => p.findingIds.includes(f.id)).map((p) => p.key),
        );
        return { f, actions: plan.actions.filter((a) => keys.has(a.priorityKey)) };
      })
      .filter((x) => x.actions.length > 0 || monitoring);
    if (!answered.length) continue;
    any = true;
    w.table(
      `${monitoring ? 'Weaknesses' : 'Findings'} answered by ${plan.title}`,
      ['Finding', 'Type', 'RAG', 'Actions', 'Complete', 'Overdue', 'Judgement at revisit'],
      answered.map(({ f, actions }) => {
        const t = tally(actions);
        return [
          f.text,
          f.typeLabel,
          ragWord(t.rag),
          String(t.total),
          String(t.complete),
          String(actions.filter((a) => isOverdue(a, options.today)).length),
          f.judgement ?? 'Not yet judged',
        ];
      }),
      [36, 12, 8, 8, 9, 9, 18],
    );
  }
  if (!any)
    w.para(
      monitoring
        ? 'The plans do not answer an inspection’s weaknesses.'
        : 'The plans’ priorities are not linked to an inspection’s findings.',
    );
}

function exceptions(w: NumberedWriter, all: readonly SourceAction[], today: string) {
  w.heading(SECTION_LABELS.exceptions);
  const offTrack = all.filter((a) => a.status === 'off_track' || effectiveRag(a) === 'red');
  const overdue = all.filter((a) => isOverdue(a, today));
  const slipped = all.filter((a) => slipDays(a) > 0);
  if (!offTrack.length && !overdue.length && !slipped.length) {
    w.para('No action is off track, overdue or slipped.');
    return;
  }
  w.para(
    `${plural(offTrack.length, 'action is', 'actions are')} off track or rated red, ${plural(overdue.length, 'is', 'are')} overdue and ${plural(slipped.length, 'has', 'have')} slipped.`,
  );
  const lead = (a: SourceAction) =>
    [a.lead, a.leadOrganisation].filter(Boolean).join(', ') || 'Not set';
  const rows = new Map<string, SourceAction>();
  for (const a of [...offTrack, ...overdue, ...slipped]) rows.set(a.id, a);
  w.table(
    'Actions needing the board’s attention',
    ['No.', 'Action', 'Lead', 'Status', 'RAG', 'Due', 'Why listed'],
    [...rows.values()].map((a) => {
      const why = [
        offTrack.includes(a) ? (a.status === 'off_track' ? 'Off track' : 'Rated red') : '',
        overdue.includes(a) ? `Overdue by ${plural(days(a.dueDate!, today), 'day')}` : '',
        slipDays(a) > 0
          ? `Slipped ${plural(slipDays(a), 'day')} from ${longDate(a.baselineDueDate)}`
          : '',
      ].filter(Boolean);
      return [
        a.includedFrom ? `${a.number} (from ${a.includedFrom})` : a.number,
        a.title,
        lead(a),
        a.statusLabel,
        ragWord(effectiveRag(a)),
        longDate(a.dueDate) || 'Not set',
        why.join('; '),
      ];
    }),
    [8, 30, 16, 10, 8, 12, 16],
  );
}

function slippage(w: NumberedWriter, all: readonly SourceAction[]) {
  w.heading(SECTION_LABELS.slippage);
  const moved = all.filter((a) => slipDays(a) !== 0);
  if (!moved.length) {
    w.para('No action’s due date has moved from the date first planned.');
    return;
  }
  const later = moved.filter((a) => slipDays(a) > 0);
  w.para(
    `${plural(moved.length, 'action has', 'actions have')} a due date other than the one first planned; ${later.length} of them later.`,
  );
  w.table(
    'Actions whose due dates moved',
    ['No.', 'Action', 'First due', 'Due now', 'Moved'],
    moved.map((a) => {
      const d = slipDays(a);
      return [
        a.number,
        a.title,
        longDate(a.baselineDueDate),
        longDate(a.dueDate),
        `${plural(Math.abs(d), 'day')} ${d > 0 ? 'later' : 'earlier'}`,
      ];
    }),
    [8, 44, 16, 16, 16],
  );
}

function indicatorsSection(
  w: NumberedWriter,
  source: ReportSource,
  kind: ReportKind,
  previous: PreviousReport | null,
) {
  w.heading(kind === 'monitoring' ? 'Movement in the data' : SECTION_LABELS.indicators);
  if (!source.indicators.length) {
    w.para('No performance indicator is linked to these plans’ actions or findings.');
    return;
  }
  w.para(
    `${plural(source.indicators.length, 'indicator is', 'indicators are')} linked to these plans’ actions or findings.`,
  );
  const sinceLast = (i: SourceIndicator) => {
    const before = previous?.facts.indicators[i.id];
    if (!previous) return i.changeText ?? 'No earlier value';
    if (!before) return 'New since the last report';
    return before.latest === i.latest ? 'No new value' : `Was ${before.latest ?? 'no value'}`;
  };
  w.table(
    kind === 'monitoring' ? 'Indicator movement since the last meeting' : 'Indicators',
    ['Indicator', 'Latest', 'RAG', 'Trend', previous ? 'Since last report' : 'Change', 'Target'],
    source.indicators.map((i) => [
      i.name,
      i.latest ?? 'No data',
      ragWord(i.rag),
      i.directionText ?? '',
      sinceLast(i),
      i.targetText ?? 'None set',
    ]),
    [28, 16, 8, 12, 20, 16],
  );
  const charted = source.indicators.filter((i) => i.chart);
  for (const i of charted.slice(0, MAX_CHARTS))
    w.chart(`Chart: ${i.name}`, i.chart!.svg, i.chart!.title || i.name);
  if (charted.length > MAX_CHARTS)
    w.plain(
      `Charts are shown for the first ${MAX_CHARTS} indicators; the others are on their pages in Sendboard.`,
    );
}
