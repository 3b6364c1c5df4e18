// `sendboard import ehc-cases FILE`: the same checks and save as the upload page. A file with any
// row error is refused with exit code 1 and nothing is saved.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Actor } from '../../platform/identity/types.js';
import type { Db } from '../../platform/db/db.js';
import type { RowError } from '../../platform/tables/types.js';
import { findPartnershipBySlug } from '../../partnerships/index.js';
import { systemTenant } from '../../platform/tenancy/tenancy.js';
import { todayInLondon } from '../../platform/web/today.js';
import { findCaseSetsByLabel } from './timeliness-repository.js';
import {
  checkCaseFile,
  labelProblem,
  MAX_UPLOAD_BYTES,
  saveCaseSet,
  summariseCases,
} from './timeliness-service.js';

const CLI_ACTOR: Actor = { userId: null, name: 'Command line' };

export interface ImportEhcCasesOptions {
  partnership: string;
  label: string;
  sheet?: string;
  yes?: boolean;
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Asks whether to save; absent when there is no terminal to ask on. */
  confirm?: (question: string) => Promise<boolean>;
  today?: string;
}

function formatError(e: RowError): string {
  const where = e.row === 0 ? 'File' : `Row ${e.row}`;
  const column = e.column ? `, ‘${e.column}’` : '';
  return `  ${where}${column}: ${e.message}${e.expected ? ` Expected: ${e.expected}.` : ''}`;
}

/**
 * Checks the file, then (with --yes, or after asking) saves it. Returns the exit code: 0 when
 * saved or only checked, 1 when the file or the options are refused (nothing saved).
 */
export async function importEhcCases(
  withDb: (use: (db: Db) => Promise<number>) => Promise<number>,
  file: string,
  options: ImportEhcCasesOptions,
  io: CliIo,
): Promise<number> {
  const label = options.label.trim();
  const problem = labelProblem(label);
  if (problem) {
    io.err(`--label: ${problem}`);
    return 1;
  }
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    io.err(`Cannot read ${file}: there is no such file.`);
    return 1;
  }
  // The CLI takes larger files than the upload page; a very large one is still worth a word.
  if (size > MAX_UPLOAD_BYTES * 10) io.err(`${file} is large (${Math.round(size / 1e6)} MB).`);
  const fileName = path.basename(file);
  const check = await checkCaseFile(file, {
    fileName,
    today: io.today ?? todayInLondon(),
    ...(options.sheet ? { sheet: options.sheet } : {}),
  });
  if (check.ignoredColumns.length > 0)
    io.out(`Not read, and not stored: ${check.ignoredColumns.join(', ')}.`);
  if (check.errorCount > 0) {
    io.err(
      `${fileName} cannot be imported: ${check.errorCount} ${check.errorCount === 1 ? 'problem' : 'problems'}. Nothing was saved.`,
    );
    for (const e of check.errors) io.err(formatError(e));
    if (check.errorCount > check.errors.length)
      io.err(`  … and ${check.errorCount - check.errors.length} more.`);
    return 1;
  }
  const summary = summariseCases(label, check.cases, check);
  io.out(
    `Read ${check.rowsRead} rows from ${fileName}: ${summary.cases} cases, ${summary.issued} plans issued, ${summary.open} not issued yet, ${summary.withException} with an exception.`,
  );
  for (const note of check.notes) io.out(note);

  return withDb(async (db) => {
    const partnership = await findPartnershipBySlug(db, options.partnership);
    if (!partnership) {
      io.err(`No partnership with the URL name "${options.partnership}". Nothing was saved.`);
      return 1;
    }
    const tenant = systemTenant(partnership);
    const existing = await findCaseSetsByLabel(db, tenant, label);
    if (existing.length > 0)
      io.out(
        `Saving replaces the case set ‘${existing[0]!.label}’ (${existing[0]!.case_count} cases) in ${partnership.name}.`,
      );
    let save = options.yes === true;
    if (!save && io.confirm)
      save = await io.confirm(`Save ${summary.cases} cases as ‘${label}’ in ${partnership.name}?`);
    if (!save) {
      io.out('Nothing saved. Run again with --yes to save.');
      return 0;
    }
    const saved = await db.transaction((tx) =>
      saveCaseSet(tx, CLI_ACTOR, tenant, {
        label,
        fileName,
        rowsRead: check.rowsRead,
        cases: check.cases,
        summary,
      }),
    );
    io.out(
      `Saved ${saved.cases} cases as ‘${label}’ in ${partnership.name}${saved.replaced.length > 0 ? ', replacing the earlier case set with that label' : ''}.`,
    );
    return 0;
  });
}

/** The command itself: the configured database, the terminal for questions. */
export async function runImportEhcCases(
  file: string,
  options: ImportEhcCasesOptions,
): Promise<void> {
  const { loadConfig } = await import('../../platform/config/config.js');
  const { openAndMigrate } = await import('../../platform/db/open.js');
  const confirm = process.stdin.isTTY
    ? async (question: string) => {
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        try {
          return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
        } finally {
          rl.close();
        }
      }
    : undefined;
  const withDb = async (use: (db: Db) => Promise<number>) => {
    const db = await openAndMigrate(loadConfig());
    try {
      return await use(db);
    } finally {
      await db.close();
    }
  };
  const code = await importEhcCases(withDb, file, options, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    ...(confirm ? { confirm } : {}),
  });
  if (code !== 0) process.exitCode = code;
}
