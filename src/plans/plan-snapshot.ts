import type { IncludedActionRow, IncludedPriorityRow } from './inclusion-repository.js';
import type {
  ActionRow,
  MeasureRow,
  PlanSnapshot,
  PriorityRow,
  SnapshotAction,
} from './plan-repository.js';
import { actionNumber } from './action-numbers.js';

/** What a snapshot is made from: the plan as loadPlan reads it. */
export type SnapshotSource = {
  plan: { title: string; status: string };
  priorities: PriorityRow[];
  actions: ActionRow[];
  measures: MeasureRow[];
  /** What the plan includes from other plans, frozen as references with their words then. */
  includedPriorities?: IncludedPriorityRow[];
  includedActions?: IncludedActionRow[];
};

/** The plan as it stands, in the form frozen into a version. */
export function buildSnapshot(source: SnapshotSource): PlanSnapshot {
  const { plan, priorities, actions, measures } = source;
  const measuresOf = (actionId: string) =>
    measures
      .filter((m) => m.action_id === actionId)
      .map(
        (m) =>
          m.text +
          (m.target ? ` (target ${m.target}${m.target_date ? ` by ${m.target_date}` : ''})` : ''),
      );
  const ownPositions = new Map(priorities.map((p) => [p.id, p.position]));
  const action = (a: ActionRow): SnapshotAction => ({
    id: a.id,
    number: actionNumber(a),
    title: a.title,
    description: a.description,
    category: a.category,
    lead: a.lead_name,
    leadOrganisation: a.lead_organisation_name,
    startDate: a.start_date,
    dueDate: a.due_date,
    measures: measuresOf(a.id),
  });
  return {
    title: plan.title,
    status: plan.status,
    priorities: [
      ...priorities.map((p) => ({
        id: p.id,
        number: p.position,
        title: p.title,
        description: p.description,
        findingIds: [...p.finding_ids].sort(),
      })),
      ...(source.includedPriorities ?? []).map((p) => ({
        id: p.id,
        number: p.position,
        title: p.title,
        description: p.description,
        findingIds: [...p.finding_ids].sort(),
        includedFrom: p.home_plan_title,
      })),
    ],
    actions: [
      ...actions.map(action),
      ...(source.includedActions ?? []).map((a) => {
        const under = ownPositions.get(a.place_priority_id);
        return {
          ...action(a),
          includedFrom: a.home_plan_title,
          ...(under === undefined ? {} : { underPriority: under }),
        };
      }),
    ],
  };
}

export type SnapshotDiff = {
  added: { kind: 'priority' | 'action'; label: string }[];
  removed: { kind: 'priority' | 'action'; label: string }[];
  changed: {
    kind: 'priority' | 'action';
    label: string;
    fields: { field: string; before: string; after: string }[];
  }[];
};

const ACTION_FIELDS: [keyof SnapshotAction, string][] = [
  ['number', 'Number'],
  ['title', 'Title'],
  ['description', 'Description'],
  ['category', 'Category'],
  ['lead', 'Lead'],
  ['leadOrganisation', 'Lead organisation'],
  ['startDate', 'Start date'],
  ['dueDate', 'Due date'],
  ['measures', 'Success measures'],
  ['includedFrom', 'Included from'],
  ['underPriority', 'Under priority'],
];

const show = (v: unknown): string =>
  Array.isArray(v) ? v.join('; ') : v === null || v === undefined ? '' : String(v);

/** What was added, changed and removed between a frozen version and another state of the plan. Pure. */
export function diffSnapshots(before: PlanSnapshot, after: PlanSnapshot): SnapshotDiff {
  const diff: SnapshotDiff = { added: [], removed: [], changed: [] };
  const compare = <T extends { id: string }>(
    kind: 'priority' | 'action',
    a: T[],
    b: T[],
    label: (x: T) => string,
    fields: [keyof T, string][],
  ) => {
    const old = new Map(a.map((x) => [x.id, x]));
    const now = new Map(b.map((x) => [x.id, x]));
    for (const x of b) if (!old.has(x.id)) diff.added.push({ kind, label: label(x) });
    for (const x of a) if (!now.has(x.id)) diff.removed.push({ kind, label: label(x) });
    for (const x of b) {
      const o = old.get(x.id);
      if (!o) continue;
      const changes = fields
        .filter(([f]) => show(o[f]) !== show(x[f]))
        .map(([f, name]) => ({ field: name, before: show(o[f]), after: show(x[f]) }));
      if (changes.length) diff.changed.push({ kind, label: label(x), fields: changes });
    }
  };
  compare(
    'priority',
    before.priorities,
    after.priorities,
    (p) => `Priority ${p.number}: ${p.title}${p.includedFrom ? ` (from “${p.includedFrom}”)` : ''}`,
    [
      ['number', 'Number'],
      ['title', 'Title'],
      ['description', 'Description'],
      ['findingIds', 'Findings answered'],
    ],
  );
  compare(
    'action',
    before.actions,
    after.actions,
    (a) => `${a.number} ${a.title}${a.includedFrom ? ` (from “${a.includedFrom}”)` : ''}`,
    ACTION_FIELDS,
  );
  return diff;
}
