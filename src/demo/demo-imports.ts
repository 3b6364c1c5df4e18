/**
 * The demo's performance data: the starter indicators with values, targets and links, the
 * geography, a school census and an EHC case set, each imported as a person would import its
 * file (the files come from demo-performance.ts).
 */
import type { Db } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { addStarterSet, addTarget, editIndicator } from '../performance/indicators/index.js';
import { listIndicators } from '../performance/indicators/index.js';
import { columnsOfRow } from '../performance/indicators/index.js';
import { checkImport, saveImport, type ImportCheckResult } from '../performance/imports/index.js';
import type { DataImportKind } from '../performance/imports/index.js';
import { checkCensusUpload, confirmCensus, stageCensus } from '../performance/census/index.js';
import { checkCaseFile, saveCaseSet, summariseCases } from '../performance/timeliness/index.js';
import type { PersonKey, WeaknessKey } from './demo-content.js';
import {
  DEMO_LINKS,
  DEMO_TARGETS,
  targetDueOn,
  type PerformanceFiles,
} from './demo-performance.js';

export function must<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(message);
  return value;
}

async function importFile<K extends DataImportKind>(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  kind: K,
  fileName: string,
  csv: string,
): Promise<void> {
  const checked: ImportCheckResult<K> = await checkImport(db, tenant, kind, {
    input: new TextEncoder().encode(csv),
    fileName,
  });
  if (!checked.ok)
    throw new Error(`The demo's ${fileName} was refused: ${problems(checked.errors)}`);
  await saveImport(db, actor, tenant, checked);
}

const problems = (errors: readonly { row: number; message: string }[]) =>
  errors
    .slice(0, 3)
    .map((e) => `row ${e.row}: ${e.message}`)
    .join('; ');

export async function addPerformance(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: {
    today: string;
    files: PerformanceFiles;
    userIds: Record<PersonKey, string>;
    actionId: (title: string) => string;
    findingId: (key: WeaknessKey) => string;
  },
): Promise<{ indicators: number; schools: number; ehcRequests: number }> {
  const { files, today } = input;
  const { added } = await addStarterSet(db, actor, tenant);
  await importFile(db, actor, tenant, 'geography', 'northshire-schools.csv', files.geography);
  await importFile(
    db,
    actor,
    tenant,
    'indicator_values',
    'northshire-indicators.csv',
    files.values,
  );

  const indicators = new Map(
    (await listIndicators(db, tenant, { archived: false })).map((i) => [i.code, i]),
  );
  const indicator = (code: string) => must(indicators.get(code), `No indicator ${code}`);
  for (const target of DEMO_TARGETS)
    await addTarget(db, actor, tenant, indicator(target.code).id, {
      value: target.value,
      dueOn: targetDueOn(today, target.dueInMonths),
      note: target.note,
    });
  for (const link of DEMO_LINKS) {
    const row = indicator(link.code);
    const edited = await editIndicator(
      db,
      actor,
      tenant,
      row.id,
      {
        name: row.name,
        code: row.code,
        definition: row.definition,
        unit: row.unit,
        polarity: row.polarity,
        frequency: row.frequency,
        source: row.source,
        ownerUserId: input.userIds[link.owner],
        ...columnsOfRow(row),
        actionIds: link.actions.map(input.actionId),
        findingIds: link.findings.map(input.findingId),
      },
      row.version,
    );
    if (edited.outcome !== 'ok') throw new Error(`Could not link indicator ${link.code}`);
  }

  const census = files.census;
  const check = await checkCensusUpload(db, tenant, new TextEncoder().encode(census.csv), {
    fileName: 'northshire-spring-census.csv',
    censusDate: census.date,
  });
  if (check.errorCount > 0 || check.notInGeography.length > 0)
    throw new Error(`The demo's census was refused: ${problems(check.errors)}`);
  const pendingId = await stageCensus(db, actor, tenant, {
    fileName: 'northshire-spring-census.csv',
    label: census.label,
    censusDate: census.date,
    check,
  });
  if ((await confirmCensus(db, actor, tenant, pendingId)).status !== 'saved')
    throw new Error('The demo census was not saved');

  const fileName = 'northshire-ehc-requests.csv';
  const cases = await checkCaseFile(new TextEncoder().encode(files.cases.csv), {
    fileName,
    today,
  });
  if (cases.errorCount > 0)
    throw new Error(`The demo's EHC requests were refused: ${problems(cases.errors)}`);
  const label = 'EHC needs assessment requests (demo)';
  await db.transaction((tx) =>
    saveCaseSet(tx, actor, tenant, {
      label,
      fileName,
      rowsRead: cases.rowsRead,
      cases: cases.cases,
      summary: summariseCases(label, cases.cases, cases),
    }),
  );
  return { indicators: added.length, schools: census.schools, ehcRequests: cases.cases.length };
}
