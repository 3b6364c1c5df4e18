// Recording a case set's yearly figures as the values of the indicator "New EHC plans issued
// within 20 weeks, excluding exceptions". The writes are the values import's own (import lock,
import { todayInLondon } from '../../platform/web/today.js';
// a data_imports row naming the case set as the source, whole periods replaced in every area),
// so a value recorded here reads, and is replaced, exactly like an imported one.
import type { Db, Queryable } from '../../platform/db/db.js';
import type { Actor } from '../../platform/identity/types.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { recordDataImport } from '../imports/index.js';
import { deleteValueSets, insertValues, lockImports } from '../imports/index.js';
import { listIndicators, listValues } from '../indicators/index.js';
import type { Frequency } from '../indicators/index.js';
import type { Unit } from '../indicators/index.js';
import * as repo from './timeliness-repository.js';
import { toEhcCase } from './timeliness-specs.js';
import {
  figuresToRecord,
  indicatorFiguresByYear,
  indicatorProblem,
  TIMELINESS_INDICATOR_CODE,
  yearsKey,
  type YearFigure,
} from './indicator-figures.js';
import { recordAudit } from '../../platform/audit/record.js';

export interface TimelinessIndicator {
  id: string;
  code: string;
  name: string;
  unit: Unit;
  frequency: Frequency;
  archived: boolean;
}

/** The partnership's indicator with the starter code, archived or not; null when it has none. */
export async function findTimelinessIndicator(
  q: Queryable,
  tenant: Tenant,
): Promise<TimelinessIndicator | null> {
  const found = (await listIndicators(q, tenant)).find((i) => i.code === TIMELINESS_INDICATOR_CODE);
  if (!found) return null;
  return {
    id: found.id,
    code: found.code,
    name: found.name,
    unit: found.unit,
    frequency: found.frequency,
    archived: found.archived_at !== null,
  };
}

/** What the indicator holds now for one period: recording the period replaces all of it. */
export interface HeldValues {
  periodKey: string;
  /** The whole partnership's value, or null when none is held (its value is null if suppressed). */
  partnership: {
    value: number | null;
    numerator: number | null;
    denominator: number | null;
  } | null;
  /** Values held by locality, district or school. */
  byArea: number;
}

export type FigureRow = YearFigure & { held: HeldValues | null };

export interface IndicatorFiguresPage {
  caseSet: repo.CaseSetRow;
  indicator: TimelinessIndicator | null;
  /** Why nothing can be recorded for this indicator (archived, another frequency or unit). */
  problem: string | null;
  /** Every year of issue in the case set, with what the indicator holds for the years recorded. */
  figures: FigureRow[];
  toRecord: YearFigure[];
  /** The periods to record that already hold values, which recording replaces. */
  replaced: HeldValues[];
}

/**
 * The figures of one case set for the confirmation page, and what recording them would replace.
 * undefined when the partnership has no such case set.
 */
export async function loadIndicatorFigures(
  q: Queryable,
  tenant: Tenant,
  caseSetId: string,
  options: { today: string },
): Promise<IndicatorFiguresPage | undefined> {
  const caseSet = await repo.findCaseSet(q, tenant, caseSetId);
  if (!caseSet) return undefined;
  // One after the other: inside a transaction they share one connection.
  const cases = await repo.listCases(q, tenant, caseSet.id);
  const indicator = await findTimelinessIndicator(q, tenant);
  // A year is complete only if the file was imported after it ended: a case set imported in June
  // holds half of that year, however long ago that was.
  const importedOn = todayInLondon(caseSet.created_at);
  const asAt = importedOn < options.today ? importedOn : options.today;
  const figures = indicatorFiguresByYear(cases.map(toEhcCase), { today: asAt });
  const toRecord = figuresToRecord(figures);
  const problem = indicator ? indicatorProblem(indicator) : null;
  const held = new Map<string, HeldValues>();
  if (indicator && !problem) {
    const keys = new Set(toRecord.map((f) => f.period.key));
    for (const v of await listValues(q, tenant, indicator.id)) {
      if (!keys.has(v.period_key)) continue;
      const entry = held.get(v.period_key) ?? {
        periodKey: v.period_key,
        partnership: null,
        byArea: 0,
      };
      if (v.geography_kind === null) {
        entry.partnership = { value: v.value, numerator: v.numerator, denominator: v.denominator };
      } else entry.byArea += 1;
      held.set(v.period_key, entry);
    }
  }
  return {
    caseSet,
    indicator,
    problem,
    figures: figures.map((f) => ({
      ...f,
      held: f.status === 'record' ? (held.get(f.period.key) ?? null) : null,
    })),
    toRecord,
    replaced: toRecord.flatMap((f) => held.get(f.period.key) ?? []),
  };
}

export type RecordFiguresResult =
  /** The case set is not the partnership's, or has been deleted or replaced. */
  | { outcome: 'gone' }
  /** The indicator or the years to record are not what the page showed: show it again. */
  | { outcome: 'changed'; page: IndicatorFiguresPage }
  | {
      outcome: 'recorded';
      indicator: TimelinessIndicator;
      caseSetLabel: string;
      importId: string;
      recorded: YearFigure[];
      /** Periods whose values were replaced. */
      replacedPeriods: string[];
    };

/**
 * Records the complete years' figures of a case set as the indicator's values for those annual
 * periods, in one transaction with an audit entry: each period's values (in every area) are
 * replaced, as a re-import replaces them. `years` is what the confirmation page showed
 * ({@link yearsKey}); when the years to record are no longer those, nothing is written.
 */
export async function recordIndicatorFigures(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  caseSetId: string,
  options: { today: string; years: string },
): Promise<RecordFiguresResult> {
  return db.transaction(async (tx) => {
    // The case set cannot be deleted or replaced meanwhile, and an import of values waits for
    // this one. No other path takes both locks, so their order cannot deadlock.
    await repo.lockCaseSets(tx, tenant);
    await lockImports(tx, tenant);
    const page = await loadIndicatorFigures(tx, tenant, caseSetId, options);
    if (!page) return { outcome: 'gone' };
    const { indicator, toRecord, caseSet } = page;
    if (
      !indicator ||
      page.problem !== null ||
      toRecord.length === 0 ||
      yearsKey(toRecord) !== options.years
    ) {
      return { outcome: 'changed', page };
    }
    const sets = toRecord.map((f) => ({ indicatorId: indicator.id, periodKey: f.period.key }));
    const replacedValues = page.replaced.reduce(
      (n, h) => n + h.byArea + (h.partnership ? 1 : 0),
      0,
    );
    const source = `EHC case set ‘${caseSet.label}’`;
    const importId = await recordDataImport(tx, tenant, {
      kind: 'indicator_values',
      fileName: source,
      rowsRead: toRecord.length,
      summary: {
        source: 'ehc_case_set',
        caseSetId: caseSet.id,
        caseSet: caseSet.label,
        rows: toRecord.length,
        indicators: 1,
        periods: toRecord.length,
        setsReplaced: page.replaced.length,
        valuesReplaced: replacedValues,
      },
      createdBy: actor.userId,
    });
    await deleteValueSets(tx, tenant, sets);
    await insertValues(
      tx,
      tenant,
      importId,
      toRecord.map((f) => ({
        indicatorId: indicator.id,
        periodKey: f.period.key,
        periodStart: f.period.start,
        periodEnd: f.period.end,
        unitId: null,
        value: f.value,
        numerator: f.numerator,
        denominator: f.denominator,
      })),
    );
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'indicator',
      entityId: indicator.id,
      action: 'record values from EHC cases',
      ...(page.replaced.length > 0
        ? {
            before: {
              values: page.replaced.map((h) => ({
                period: h.periodKey,
                partnership: h.partnership,
                valuesByArea: h.byArea,
              })),
            },
          }
        : {}),
      after: {
        source,
        caseSetId: caseSet.id,
        importId,
        code: indicator.code,
        values: toRecord.map((f) => ({
          period: f.period.key,
          value: f.value,
          numerator: f.numerator,
          denominator: f.denominator,
        })),
      },
    });
    return {
      outcome: 'recorded',
      indicator,
      caseSetLabel: caseSet.label,
      importId,
      recorded: toRecord,
      replacedPeriods: page.replaced.map((h) => h.periodKey),
    };
  });
}
