/**
 * The settings command: the partnership's deadline rules and closure days, checked against their
 * schema and then as a list of review months and of closure days, saved as of the version read.
 */
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  invalid,
  ok,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import { recordAudit } from '../../platform/audit/record.js';
import { CLOSURE_FORMAT_HINT, parseClosureDays } from '../closure-dates.js';
import type { DeadlineRuleSettings } from '../deadlines.js';
import { REVIEW_MONTHS_PROBLEM, RULE_KEYS, SettingsChange } from '../inputs.js';
import { loadSettings, saveSettings, type PartnershipSettings } from '../settings-repository.js';

export type Settings = Omit<PartnershipSettings, 'version'>;

/** "6, 12" as months, or undefined unless it is 1 to 12 whole numbers from 1. */
export function parseReviewMonths(text: string): number[] | undefined {
  const months = text.split(/[\s,]+/).filter(Boolean);
  if (months.length === 0 || months.length > 12) return undefined;
  if (months.some((m) => !/^\d{1,3}$/.test(m) || Number(m) < 1)) return undefined;
  return months.map(Number);
}

/** One text field of the input as sent, trimmed (as parseInput trims it), if it is text. */
function textOf(raw: unknown, name: string): string | undefined {
  const value: unknown = typeof raw === 'object' && raw !== null ? Reflect.get(raw, name) : null;
  return typeof value === 'string' ? value.trim() : undefined;
}

/** The review months and closure days, read from their text: each field's problem, if any. */
function readLists(raw: unknown) {
  const problems: FieldProblem[] = [];
  const reviewText = textOf(raw, 'appReviewMonths');
  const appReviewMonths = reviewText === undefined ? undefined : parseReviewMonths(reviewText);
  if (reviewText !== undefined && !appReviewMonths)
    problems.push({ field: 'appReviewMonths', text: REVIEW_MONTHS_PROBLEM });
  const closureText = textOf(raw, 'closures');
  const parsed = closureText === undefined ? undefined : parseClosureDays(closureText);
  const closures = parsed && 'dates' in parsed ? parsed.dates : [];
  if (parsed && 'bad' in parsed)
    problems.push({
      field: 'closures',
      text: `“${parsed.bad}” is not a real date. ${CLOSURE_FORMAT_HINT}`,
    });
  else if (closures.length > 200)
    problems.push({ field: 'closures', text: 'Enter 200 closure days or fewer' });
  return { appReviewMonths, closures, problems };
}

/** The schema's problems and the lists', one a field, in the form's order. */
function inFormOrder(...lists: FieldProblem[][]): FieldProblem[] {
  const order = Object.keys(SettingsChange.properties);
  const seen = new Set<string>();
  return lists
    .flat()
    .filter((p) => !seen.has(p.field) && seen.add(p.field))
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

function settingsOf(
  input: SettingsChange,
  appReviewMonths: number[],
  closures: string[],
): Settings {
  const rules: DeadlineRuleSettings = {
    wsoaWorkingDays: input.wsoaWorkingDays,
    revisitMonths: input.revisitMonths,
    monitoringInspectionMonths: input.monitoringInspectionMonths,
    nextFullInspectionYears: { 1: input.years1, 2: input.years2, 3: input.years3 },
    appReviewMonths,
    priorityActionPlanWorkingDays: input.priorityActionPlanWorkingDays,
    sources: Object.fromEntries(RULE_KEYS.map((k) => [k, input[`source_${k}`]])),
  };
  return {
    rules,
    closures,
    countClosures: input.countClosures !== 'no',
    revisedDatesNeedApproval: input.revisedDatesNeedApproval === 'yes',
  };
}

/**
 * Saves the partnership's settings, unless someone saved others since the version read: then the
 * settings as they are now are the conflict's.
 */
export async function changeSettings(
  { db, actor, tenant }: CommandContext,
  raw: unknown,
): Promise<Result<Settings, PartnershipSettings>> {
  const parsed = parseInput(SettingsChange, raw);
  const lists = readLists(raw);
  if (!parsed.ok || !lists.appReviewMonths || lists.problems.length)
    return invalid(...inFormOrder(parsed.ok ? [] : parsed.problems, lists.problems));
  const settings = settingsOf(parsed.value, lists.appReviewMonths, lists.closures);
  const saved = await db.transaction(async (tx) => {
    const before = await loadSettings(tx, tenant);
    if (!(await saveSettings(tx, tenant, settings, parsed.value.version))) return false;
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'settings',
      entityId: tenant.partnershipId,
      action: 'update',
      before,
      after: settings,
    });
    return true;
  });
  if (!saved) return conflict(await loadSettings(db, tenant));
  return ok(settings);
}
