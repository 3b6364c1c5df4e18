// `sendboard import census FILE`: the same check, preview and save as the upload page.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Actor } from '../../platform/identity/types.js';
import { loadConfig } from '../../platform/config/config.js';
import { openAndMigrate } from '../../platform/db/open.js';
import { findPartnershipBySlug } from '../../partnerships/index.js';
import { systemTenant } from '../../platform/tenancy/tenancy.js';
import { findCensusByDate } from './census-repository.js';
import {
  censusDateProblem,
  censusLabelProblem,
  checkCensusUpload,
  confirmCensus,
  stageCensus,
} from './census-service.js';

const CLI_ACTOR: Actor = { userId: null, name: 'Command line' };

export type CensusImportOptions = {
  partnership: string;
  label: string;
  date: string;
  sheet?: string;
  yes?: boolean;
};

const number = (n: number) => n.toLocaleString('en-GB');

/** Checks the file; prints its row errors and exits 1 with nothing saved, or saves it. */
export async function runCensusImport(file: string, options: CensusImportOptions): Promise<void> {
  const label = options.label.trim();
  const problems = [
    censusLabelProblem(label) && `--label: ${censusLabelProblem(label)}`,
    censusDateProblem(options.date) && `--date: ${censusDateProblem(options.date)}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  try {
    await access(file);
  } catch {
    throw new Error(`${file}: no such file`);
  }

  const db = await openAndMigrate(loadConfig());
  try {
    const partnership = await findPartnershipBySlug(db, options.partnership);
    if (!partnership)
      throw new Error(`--partnership: no partnership called ${options.partnership}`);
    const tenant = systemTenant(partnership);
    const fileName = path.basename(file);
    const started = performance.now();
    const check = await checkCensusUpload(db, tenant, file, {
      fileName,
      censusDate: options.date,
      ...(options.sheet ? { sheet: options.sheet } : {}),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);

    if (check.errorCount > 0) {
      console.error(
        `${fileName} cannot be imported: ${number(check.errorCount)} ${check.errorCount === 1 ? 'problem' : 'problems'}. Nothing was saved.`,
      );
      for (const e of check.errors) {
        const where = e.row === 0 ? 'File' : `Row ${e.row}${e.column ? `, ${e.column}` : ''}`;
        console.error(`  ${where}: ${e.message}${e.expected ? ` Expected: ${e.expected}.` : ''}`);
      }
      if (check.errorCount > check.errors.length)
        console.error(`  … and ${number(check.errorCount - check.errors.length)} more.`);
      process.exitCode = 1;
      return;
    }

    const replaces = await findCensusByDate(db, tenant, options.date);
    console.log(
      [
        `${fileName}: ${check.source}, ${number(check.rowsRead)} rows read in ${seconds} s.`,
        `Census ‘${label}’ of ${options.date}: ${number(check.totals.schools)} schools, ${number(check.totals.pupils)} pupils, ${number(check.totals.E)} with an EHC plan (E), ${number(check.totals.K)} on SEN support (K).`,
        ...check.notes,
        ...(check.notInGeography.length > 0
          ? [
              `${number(check.notInGeography.length)} schools are not in the partnership’s geography and go to “Unassigned”: ${check.notInGeography.slice(0, 20).join(', ')}${check.notInGeography.length > 20 ? ' …' : ''}`,
            ]
          : []),
        ...(replaces
          ? [
              `Saving replaces the census already saved for ${options.date}: ‘${replaces.label}’, ${number(replaces.schools)} schools.`,
            ]
          : []),
      ].join('\n'),
    );

    let save = options.yes === true;
    if (!save && process.stdin.isTTY) {
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await prompt.question('Save this census? [y/N] ');
      prompt.close();
      save = /^y(es)?$/i.test(answer.trim());
    }
    if (!save) {
      console.log('Nothing was saved. Run again with --yes to save.');
      return;
    }
    const pendingId = await stageCensus(db, CLI_ACTOR, tenant, {
      fileName,
      label,
      censusDate: options.date,
      check,
    });
    const result = await confirmCensus(db, CLI_ACTOR, tenant, pendingId);
    if (result.status !== 'saved') throw new Error('The census could not be saved; try again.');
    console.log(
      `Saved census ‘${label}’${result.replaced ? ', replacing the one with the same date' : ''}: /p/${partnership.slug}/performance/census/${result.censusId}`,
    );
  } finally {
    await db.close();
  }
}
