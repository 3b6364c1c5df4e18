import type { Db, Queryable } from '../../platform/db/db.js';
import { versionedEdit, type Edit } from '../../platform/db/versioned.js';
import type { Actor } from '../../platform/identity/types.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { actionNumber } from '../../plans/index.js';
import { FINDING_TYPE_LABELS, inspectionTitle } from '../../inspections/index.js';
import * as repo from './indicator-repository.js';
import { refused, RuleBroken } from '../../platform/commands/result.js';
import type { Frequency } from './periods.js';
import type { Polarity, Unit } from './rag.js';
import {
  codeFromName,
  columnsFromThresholds,
  columnsOfRow,
  currentTarget,
  indicatorStatus,
  readSeries,
  thresholdsFromColumns,
  type IndicatorStatus,
  type PeriodValue,
  type SeriesValue,
} from './indicator-status.js';
import { toPeriod } from './periods.js';
import { STARTER_INDICATORS } from './starter-set.js';
import type { Target } from './rag.js';
import type { BenchmarkKind } from './trend-chart.js';
import { recordAudit } from '../../platform/audit/record.js';

/** An indicator as the service saves it: checked already (see commands/indicators.ts). */
export type IndicatorInput = {
  name: string;
  /** Empty: made from the name. */
  code: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  source: string;
  ownerUserId: string | null;
  /** The bounds as stored: see ThresholdColumns for what each means by polarity. */
  green: number | null;
  amber: number | null;
  /** The upper ends of the bands, only where neither is better; left out, there are none. */
  greenUpper?: number | null;
  amberUpper?: number | null;
  actionIds: string[];
  findingIds: string[];
};

const audit = (
  tx: Queryable,
  actor: Actor,
  tenant: Tenant,
  entityId: string | null,
  action: string,
  before?: unknown,
  after?: unknown,
) =>
  recordAudit(tx, actor, {
    partnershipId: tenant.partnershipId,
    entityType: 'indicator',
    entityId,
    action,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  });

/** A code another indicator has: the whole change is undone and refused. */
const codeTaken = (code: string) =>
  new RuleBroken(
    refused(`Another indicator already has the code ${code}: choose a different code`),
  );

function fields(input: IndicatorInput, code: string): repo.IndicatorFields {
  return {
    code,
    name: input.name,
    definition: input.definition,
    unit: input.unit,
    polarity: input.polarity,
    frequency: input.frequency,
    source: input.source,
    ownerUserId: input.ownerUserId,
    green: input.green,
    amber: input.amber,
    greenUpper: input.greenUpper ?? null,
    amberUpper: input.amberUpper ?? null,
  };
}

export async function createIndicator(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: IndicatorInput,
): Promise<{ id: string; code: string }> {
  return db.transaction(async (tx) => {
    const code = input.code || codeFromName(input.name, await repo.listCodes(tx, tenant));
    const created = await repo.insertIndicator(tx, tenant, fields(input, code));
    if (!created) throw codeTaken(code);
    await repo.setIndicatorLinks(tx, tenant, created.id, input);
    await audit(tx, actor, tenant, created.id, 'create', undefined, { ...input, code });
    return { id: created.id, code };
  });
}

export async function editIndicator(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  id: string,
  input: IndicatorInput,
  version: number,
): Promise<Edit<repo.IndicatorRow>> {
  return db.transaction(async (tx) => {
    const current = await repo.findIndicator(tx, tenant, id);
    let code = input.code;
    if (current && !code) {
      const taken = await repo.listCodes(tx, tenant);
      taken.delete(current.code);
      code = codeFromName(input.name, taken);
    }
    if (current && current.version === version && (await repo.codeTaken(tx, tenant, code, id)))
      throw codeTaken(code);
    return versionedEdit(
      current,
      version,
      () => repo.updateIndicator(tx, tenant, id, fields(input, code), version),
      async (before) => {
        const links = await linkIds(tx, tenant, id);
        await repo.setIndicatorLinks(tx, tenant, id, input);
        await audit(tx, actor, tenant, id, 'update', { ...before, ...links }, { ...input, code });
      },
    );
  });
}

async function linkIds(q: Queryable, tenant: Tenant, id: string) {
  const [actions, findings] = await Promise.all([
    repo.listLinkedActions(q, tenant, id),
    repo.listLinkedFindings(q, tenant, id),
  ]);
  return { actionIds: actions.map((a) => a.id), findingIds: findings.map((f) => f.id) };
}

export { linkIds as indicatorLinkIds };

/** Archives (or restores) an indicator; false when there was nothing to change. */
export async function setIndicatorArchived(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  id: string,
  archived: boolean,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await repo.setArchived(tx, tenant, id, archived))) return false;
    await audit(tx, actor, tenant, id, archived ? 'archive' : 'restore');
    return true;
  });
}

export async function addTarget(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  indicatorId: string,
  input: { value: number; dueOn: string; note: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await repo.findIndicator(tx, tenant, indicatorId))) return false;
    const created = await repo.insertTarget(tx, tenant, indicatorId, input);
    await audit(tx, actor, tenant, indicatorId, 'add target', undefined, {
      target_id: created.id,
      ...input,
    });
    return true;
  });
}

export async function removeTarget(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  indicatorId: string,
  targetId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await repo.deleteTarget(tx, tenant, indicatorId, targetId);
    if (!removed) return false;
    await audit(tx, actor, tenant, indicatorId, 'remove target', removed);
    return true;
  });
}

/** The definition as saved from the starter set: what is counted, then how to read it. */
function starterDefinition(s: (typeof STARTER_INDICATORS)[number]): string {
  return [
    s.definition,
    s.numerator ? `Numerator: ${s.numerator}.` : '',
    s.denominator ? `Denominator: ${s.denominator}.` : '',
    `Thresholds: ${s.thresholdsNote}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Adds every starter indicator whose code the partnership does not have yet, with the England
 * figures the starter set gives. Safe to repeat: what is there already is left alone.
 */
export async function addStarterSet(
  db: Db,
  actor: Actor,
  tenant: Tenant,
): Promise<{ added: string[] }> {
  return db.transaction(async (tx) => {
    const added: string[] = [];
    let benchmarks = 0;
    for (const starter of STARTER_INDICATORS) {
      const created = await repo.insertIndicator(tx, tenant, {
        code: starter.code,
        name: starter.name,
        definition: starterDefinition(starter),
        unit: starter.unit,
        polarity: starter.polarity,
        frequency: starter.frequency,
        source: starter.source,
        ownerUserId: null,
        ...columnsFromThresholds(starter.polarity, starter.thresholds),
      });
      if (!created) continue;
      added.push(starter.code);
      const england = starter.england.map((b) => {
        const period = toPeriod(b.period, starter.frequency);
        return { key: period.key, start: period.start, end: period.end, value: b.value };
      });
      await repo.insertBenchmarkValues(tx, tenant, created.id, 'england', england);
      benchmarks += england.length;
    }
    if (added.length) {
      await audit(tx, actor, tenant, null, 'add starter set', undefined, {
        codes: added,
        england_values: benchmarks,
      });
    }
    return { added };
  });
}

// Reading

export type DashboardRow = {
  indicator: repo.IndicatorRow;
  status: IndicatorStatus;
  ours: PeriodValue[];
};

export type SeriesMap = Map<string, Record<repo.SeriesRow['series'], SeriesValue[]>>;

export function groupSeries(rows: readonly repo.SeriesRow[]): SeriesMap {
  const map: SeriesMap = new Map();
  for (const row of rows) {
    let entry = map.get(row.indicator_id);
    if (!entry) {
      entry = { ours: [], england: [], region: [], statistical_neighbours: [] };
      map.set(row.indicator_id, entry);
    }
    entry[row.series].push({ period: row.period_key, value: row.value });
  }
  return map;
}

export function targetsByIndicator(rows: readonly repo.TargetRow[]): Map<string, repo.TargetRow[]> {
  const map = new Map<string, repo.TargetRow[]>();
  for (const row of rows) {
    const list = map.get(row.indicator_id) ?? [];
    list.push(row);
    map.set(row.indicator_id, list);
  }
  return map;
}

export function statusOf(
  indicator: repo.IndicatorRow,
  series: Record<repo.SeriesRow['series'], SeriesValue[]> | undefined,
  target: Target | null,
): IndicatorStatus {
  return indicatorStatus({
    unit: indicator.unit,
    polarity: indicator.polarity,
    frequency: indicator.frequency,
    thresholds: thresholdsFromColumns(indicator.polarity, columnsOfRow(indicator)),
    target,
    values: series?.ours ?? [],
    england: series?.england ?? [],
  });
}

/** Every active indicator with where it stands, in three queries whatever their number. */
export async function loadDashboard(
  q: Queryable,
  tenant: Tenant,
  today: string,
): Promise<DashboardRow[]> {
  const [indicators, series, targets] = await Promise.all([
    repo.listIndicators(q, tenant, { archived: false }),
    repo.listSeries(q, tenant, null),
    repo.listAllTargets(q, tenant),
  ]);
  const bySeries = groupSeries(series);
  const byTargets = targetsByIndicator(targets);
  return indicators.map((indicator) => {
    const s = bySeries.get(indicator.id);
    const target = currentTarget(
      (byTargets.get(indicator.id) ?? []).map((t) => ({ value: t.value, dueOn: t.due_on })),
      today,
    );
    return {
      indicator,
      status: statusOf(indicator, s, target),
      ours: readSeries(s?.ours ?? [], indicator.frequency, indicator.unit),
    };
  });
}

export type ActionLink = repo.LinkedAction & { number: string };
export type FindingLink = repo.LinkedFinding & { inspection_title: string; type_label: string };

export function numberActions(actions: readonly repo.LinkedAction[]): ActionLink[] {
  // Numbers as the plan page shows them ("1.2", "1.2 a"), from plans' own numbering rule.
  return actions.map((a) => ({ ...a, number: actionNumber(a) }));
}

export function describeFindings(findings: readonly repo.LinkedFinding[]): FindingLink[] {
  return findings.map((f) => ({
    ...f,
    inspection_title: inspectionTitle({
      kind: f.inspection_kind,
      published_on: f.published_on,
      on_site_start: f.on_site_start,
    }),
    type_label: FINDING_TYPE_LABELS[f.type],
  }));
}

/** Checkbox groups for the form: actions by plan, findings by inspection. */
export async function linkChoices(q: Queryable, tenant: Tenant) {
  const [actions, findings] = await Promise.all([
    repo.listActionChoices(q, tenant),
    repo.listFindingChoices(q, tenant),
  ]);
  const actionGroups: { id: string; title: string; items: ActionLink[] }[] = [];
  for (const a of numberActions(actions)) {
    let group = actionGroups.at(-1);
    if (group?.id !== a.plan_id) {
      group = { id: a.plan_id, title: a.plan_title, items: [] };
      actionGroups.push(group);
    }
    group.items.push(a);
  }
  const findingGroups: { id: string; title: string; items: FindingLink[] }[] = [];
  for (const f of describeFindings(findings)) {
    let group = findingGroups.at(-1);
    if (group?.id !== f.inspection_id) {
      group = { id: f.inspection_id, title: f.inspection_title, items: [] };
      findingGroups.push(group);
    }
    group.items.push(f);
  }
  return { actionGroups, findingGroups };
}

export type IndicatorPage = {
  indicator: repo.IndicatorRow;
  targets: repo.TargetRow[];
  target: Target | null;
  status: IndicatorStatus;
  series: Record<repo.SeriesRow['series'], SeriesValue[]>;
  breakdown: repo.BreakdownRow[];
  actions: ActionLink[];
  findings: FindingLink[];
};

export async function loadIndicator(
  q: Queryable,
  tenant: Tenant,
  id: string,
  today: string,
): Promise<IndicatorPage | undefined> {
  const [indicator, targets, series, breakdown, actions, findings] = await Promise.all([
    repo.findIndicator(q, tenant, id),
    repo.listTargets(q, tenant, id),
    repo.listSeries(q, tenant, id),
    repo.listLatestBreakdown(q, tenant, id),
    repo.listLinkedActions(q, tenant, id),
    repo.listLinkedFindings(q, tenant, id),
  ]);
  if (!indicator) return undefined;
  const grouped = groupSeries(series).get(id) ?? {
    ours: [],
    england: [],
    region: [],
    statistical_neighbours: [],
  };
  const target = currentTarget(
    targets.map((t) => ({ value: t.value, dueOn: t.due_on })),
    today,
  );
  return {
    indicator,
    targets,
    target,
    status: statusOf(indicator, grouped, target),
    series: grouped,
    breakdown,
    actions: numberActions(actions),
    findings: describeFindings(findings),
  };
}

export const BENCHMARK_SERIES: readonly BenchmarkKind[] = [
  'england',
  'region',
  'statistical_neighbours',
];
