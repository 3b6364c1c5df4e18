/**
 * The plan itself as a document (a WSoA, APP or priority action plan as partnerships submit and
 * publish it): introduction, the findings it answers, then each priority with its numbered
 * actions, leads, dates and success measures. Pure: the same model becomes Word and HTML.
 */
import { FINDING_TYPE_LABELS } from '../inspections/index.js';
import {
  ACTION_CATEGORY_LABELS,
  PLAN_KIND_LABELS,
  PLAN_STATUS_LABELS,
  type PlanDocumentSource,
  type PlanStatus,
} from '../plans/index.js';
import { NumberedWriter, type DocumentModel } from './document-model.js';
import { inSentence, longDate } from './words.js';

type Snapshot = PlanDocumentSource['snapshot'];
type SnapshotAction = Snapshot['actions'][number];
type SnapshotPriority = Snapshot['priorities'][number];

const statusLabel = (status: string) =>
  PLAN_STATUS_LABELS[status as PlanStatus]?.toLowerCase() ?? status;

/** The number of the priority an action is shown under, from its number ("2.3 a" → 2). */
const priorityNumberOf = (a: SnapshotAction) => a.underPriority ?? Number(a.number.split('.')[0]);

/** Each priority's actions: its own, then those another plan lends it, by reference. */
function actionsOf(priority: SnapshotPriority, actions: readonly SnapshotAction[]) {
  return actions.filter((a) =>
    priority.includedFrom
      ? a.includedFrom === priority.includedFrom &&
        a.underPriority === undefined &&
        priorityNumberOf(a) === priority.number
      : priorityNumberOf(a) === priority.number &&
        (a.includedFrom === undefined || a.underPriority !== undefined),
  );
}

const actionRow = (a: SnapshotAction) => [
  a.includedFrom ? `${a.number} (from ${a.includedFrom})` : a.number,
  [a.title, a.description].filter(Boolean).join('\n'),
  [a.lead ?? '', a.leadOrganisation ?? ''].filter(Boolean).join(', ') || 'Not set',
  longDate(a.startDate),
  longDate(a.dueDate),
  a.measures.join('\n'),
];

export function planDocument(
  source: PlanDocumentSource,
  context: { partnershipName: string; generatedOn: string },
): DocumentModel {
  const { plan, snapshot, version, findings } = source;
  const kind = PLAN_KIND_LABELS[plan.kind];
  const w = new NumberedWriter();

  w.heading('Introduction');
  w.para(
    `This is the ${inSentence(kind)} of ${context.partnershipName}${source.inspectionTitle ? `, answering the findings of the ${inSentence(source.inspectionTitle)}` : ''}.`,
  );
  w.para(
    version
      ? `This document shows version ${version.number} of the plan, saved when it was ${statusLabel(version.event)} on ${longDate(version.eventOn)}${version.note ? ` (${version.note})` : ''}.`
      : `This document shows the plan as it stood on ${longDate(context.generatedOn)}, when it was ${statusLabel(snapshot.status)}.`,
  );
  if (plan.ownerName) w.para(`The plan is owned by ${plan.ownerName}.`);
  const total = snapshot.actions.length;
  w.para(
    `It has ${snapshot.priorities.length} ${snapshot.priorities.length === 1 ? 'priority' : 'priorities'} and ${total} ${total === 1 ? 'action' : 'actions'}.` +
      (snapshot.actions.some((a) => a.includedFrom)
        ? ' Actions marked “from” another plan are included from it by reference: they are the same actions, reported once.'
        : ''),
  );

  w.heading('What the plan answers');
  if (findings.length) {
    w.para(
      `The plan answers ${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} of the inspection.`,
    );
    w.table(
      'Findings the plan answers',
      ['No.', 'Finding', 'Type', 'Answered by'],
      findings.map((f, i) => [
        String(i + 1),
        f.text,
        FINDING_TYPE_LABELS[f.type],
        snapshot.priorities
          .filter((p) => p.findingIds.includes(f.id))
          .map((p) =>
            p.includedFrom ? `Priority ${p.number} of ${p.includedFrom}` : `Priority ${p.number}`,
          )
          .join(', '),
      ]),
      [6, 54, 20, 20],
    );
  } else w.para('The plan’s priorities are not linked to an inspection’s findings.');

  w.heading('Priorities and actions');
  if (!snapshot.priorities.length) w.para('The plan has no priorities yet.');
  for (const p of snapshot.priorities) {
    w.subheading(
      p.includedFrom
        ? `Priority ${p.number} of ${p.includedFrom}: ${p.title}`
        : `Priority ${p.number}: ${p.title}`,
    );
    if (p.description) w.para(p.description);
    const answers = findings.filter((f) => p.findingIds.includes(f.id));
    if (answers.length) w.para(`It answers: ${answers.map((f) => `“${f.text}”`).join('; ')}.`);
    const actions = actionsOf(p, snapshot.actions);
    if (actions.length)
      w.table(
        `Actions of priority ${p.number}`,
        ['No.', 'Action', 'Lead', 'Start', 'Due', 'Success measures'],
        actions.map(actionRow),
        [8, 34, 16, 11, 11, 20],
      );
    else w.plain('No actions yet.');
    const categories = [...new Set(actions.map((a) => a.category))]
      .map((c) => ACTION_CATEGORY_LABELS[c as keyof typeof ACTION_CATEGORY_LABELS] ?? c)
      .join(', ');
    if (categories) w.plain(`Kinds of action: ${categories}.`);
  }

  return {
    title: snapshot.title,
    subtitle: [
      context.partnershipName,
      kind,
      version
        ? `Version ${version.number}, ${statusLabel(version.event)} on ${longDate(version.eventOn)}`
        : `As at ${longDate(context.generatedOn)}`,
    ],
    blocks: w.blocks,
    footer: `Produced by Sendboard on ${longDate(context.generatedOn)}.`,
  };
}
