// `sendboard import indicators|benchmarks|geography FILE`: the same checks and the same service
// as the imports page. Problems are printed row by row and nothing is saved; without --yes the
// preview is printed and nothing is saved; with --yes the import is saved in one transaction.
import path from 'node:path';
import { loadConfig } from '../../platform/config/config.js';
import { openAndMigrate } from '../../platform/db/open.js';
import type { Actor } from '../../platform/identity/types.js';
import { findPartnershipBySlug } from '../../partnerships/index.js';
import { systemTenant } from '../../platform/tenancy/tenancy.js';
import { KIND_LABELS, type DataImportKind } from './import-specs.js';
import { checkImport, saveImport, type ImportSummary } from './import-service.js';
import type { RowError } from '../../platform/tables/types.js';

const CLI_ACTOR: Actor = { userId: null, name: 'Command line' };

export type ImportCliOptions = { partnership: string; sheet?: string; yes?: boolean };

/** Exit code 1 without a stack trace: the message says what to do. */
class ImportCliError extends Error {}

export async function runImport(
  kind: DataImportKind,
  file: string,
  options: ImportCliOptions,
  out: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  const db = await openAndMigrate(loadConfig());
  try {
    const partnership = await findPartnershipBySlug(db, options.partnership);
    if (!partnership)
      throw new ImportCliError(`No partnership with the URL name "${options.partnership}"`);
    const tenant = systemTenant(partnership);
    const fileName = path.basename(file);
    const checked = await checkImport(db, tenant, kind, {
      input: file,
      fileName,
      sheet: options.sheet,
    });
    for (const note of checked.notes) out(`Note: ${note}`);
    if (!checked.ok) {
      const lines = [
        `${fileName} cannot be imported: ${checked.errorCount} ${checked.errorCount === 1 ? 'problem' : 'problems'}. Nothing was saved.`,
        ...checked.errors.map(formatRowError),
      ];
      if (checked.errorCount > checked.errors.length)
        lines.push(`… and ${checked.errorCount - checked.errors.length} more.`);
      throw new ImportCliError(lines.join('\n'));
    }
    for (const line of describe(checked.summary)) out(line);
    if (!options.yes) {
      out('Nothing has been saved. Run again with --yes to save.');
      return;
    }
    await saveImport(db, CLI_ACTOR, tenant, {
      kind,
      fileName,
      rowsRead: checked.rowsRead,
      payload: checked.payload,
    });
    out(
      `Saved: ${KIND_LABELS[kind]} from ${fileName}, ${checked.rowsRead} rows, into ${partnership.name}.`,
    );
  } catch (error) {
    if (error instanceof ImportCliError) {
      process.exitCode = 1;
      console.error(error.message);
      return;
    }
    throw error;
  } finally {
    await db.close();
  }
}

/** "Row 4, column ‘period’: what is wrong. Expected: …" */
export function formatRowError(e: RowError): string {
  const where = e.row > 0 ? `Row ${e.row}` : 'File';
  const column = e.column ? `, column ‘${e.column}’` : '';
  return `${where}${column}: ${e.message}${e.expected ? ` Expected: ${e.expected}.` : ''}`;
}

/** The preview as lines of text. */
export function describe(summary: ImportSummary): string[] {
  const lines: string[] = [];
  switch (summary.kind) {
    case 'indicator_values':
      lines.push(
        `${summary.rows} rows: ${summary.indicators} indicators, ${summary.periods} periods, ${summary.setCount} indicator periods.`,
      );
      for (const s of summary.sets)
        lines.push(
          `  ${s.indicator} ${s.periodLabel}: ${s.rows} values${s.replaces ? `, replaces ${s.replaces} held now` : ''}`,
        );
      if (summary.setCount > summary.sets.length)
        lines.push(`  … and ${summary.setCount - summary.sets.length} more`);
      lines.push(
        summary.replacedSets > 0
          ? `Saving replaces ${summary.replacedRows} values held now for ${summary.replacedSets} indicator periods, in every area.`
          : 'Nothing held now is replaced.',
      );
      break;
    case 'benchmarks':
      lines.push(`${summary.rows} benchmark figures.`);
      for (const g of summary.groups)
        lines.push(`  ${g.indicator} ${g.series}: ${g.periods.join(', ')}`);
      lines.push(
        summary.replacedCount > 0
          ? `Saving replaces ${summary.replacedCount} benchmark figures held now.`
          : 'Nothing held now is replaced.',
      );
      for (const r of summary.replaced)
        lines.push(`  ${r.indicator} ${r.series} ${r.period}: ${r.before} → ${r.after}`);
      break;
    case 'geography':
      lines.push(
        `${summary.localities} localities, ${summary.districts} districts, ${summary.schools} schools.`,
      );
      for (const kind of ['locality', 'district', 'school'] as const)
        lines.push(
          `  ${kind}: ${summary.added[kind]} new, ${summary.updated[kind]} changed, ${summary.unchanged[kind]} unchanged`,
        );
      if (summary.removed.length > 0)
        lines.push(
          `Removed (no longer in the file): ${summary.removed.map((u) => `${u.kind} ${u.code} ${u.name}`).join('; ')}`,
        );
      if (summary.kept.length > 0)
        lines.push(
          `Kept because values refer to them: ${summary.kept.map((u) => `${u.kind} ${u.code} ${u.name}`).join('; ')}`,
        );
      break;
  }
  return lines;
}
