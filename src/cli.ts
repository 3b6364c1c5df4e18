#!/usr/bin/env node
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from './platform/config/config.js';
import type { Backup } from './backup/index.js';
import type { openAndMigrate as OpenAndMigrate } from './platform/db/open.js';

// Each command loads only what it needs, so `sendboard start` is up quickly.
const openAndMigrate = async (...args: Parameters<typeof OpenAndMigrate>) =>
  (await import('./platform/db/open.js')).openAndMigrate(...args);
const readStream = async (stream: NodeJS.ReadableStream) =>
  (await import('./cli/users.js')).readStream(stream);

const program = new Command();
program
  .name('sendboard')
  .description('Sendboard: local area SEND improvement, from inspection to progress.');

program
  .command('start')
  .description('migrate the database and serve Sendboard (PORT, DATA_DIR, DATABASE_URL)')
  .action(async () => (await import('./server.js')).startServer(loadConfig()));

program
  .command('migrate')
  .description('bring the database schema up to date, then exit')
  .action(async () => {
    const db = await openAndMigrate(loadConfig(), { migrate: false });
    try {
      const { migrate } = await import('./platform/db/migrate.js');
      const ran = await migrate(db);
      console.log(ran.length ? `Applied ${ran.join(', ')}` : 'The database is up to date');
    } finally {
      await db.close();
    }
  });

const user = program.command('user').description('manage people');
user
  .command('add')
  .description(
    'add a person; on a new Sendboard also creates the first partnership (like the set-up page)',
  )
  .requiredOption('--email <email>', 'their email address')
  .requiredOption('--name <name>', 'their full name')
  .option('--partnership <slug>', 'the partnership to add them to (its URL name)')
  .option('--role <role>', 'admin, lead, contributor, viewer, forum or adviser', 'admin')
  .option('--platform-owner', 'may create partnerships')
  .option('--partnership-name <name>', 'create this partnership first (new Sendboard)')
  .option('--local-authority <name>', 'with --partnership-name: the local authority')
  .option('--la-code <code>', 'with --partnership-name: the DfE local authority code')
  .option('--password-stdin', 'read the password from standard input instead of generating one')
  .action(async (options) => (await import('./cli/users.js')).runUserAdd(options));

const token = program.command('token').description('personal API tokens');
token
  .command('create')
  .description('create a personal API token for a person and print it once')
  .requiredOption('--email <email>', 'whose token')
  .requiredOption('--name <name>', 'what will use it')
  .action(async (options) => (await import('./cli/users.js')).runTokenCreate(options));

program
  .command('backup')
  .description('write a consistent backup of one partnership, or of everything, as JSON')
  .option('--partnership <slug>', 'only this partnership')
  .option('--out <file>', 'write here instead of standard output')
  .action(async (options: { partnership?: string; out?: string }) => {
    const db = await openAndMigrate(loadConfig());
    try {
      const { createBackup } = await import('./backup/backup-service.js');
      const backup = await createBackup(db, options.partnership);
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      await new Promise<void>((resolve, reject) => {
        out.on('error', reject);
        out.write(JSON.stringify(backup) + '\n', (err) => (err ? reject(err) : resolve()));
      });
      if (options.out) {
        await new Promise<void>((resolve) =>
          (out as ReturnType<typeof createWriteStream>).end(resolve),
        );
        console.error(`Backup written to ${options.out}`);
      }
    } finally {
      await db.close();
    }
  });

program
  .command('restore')
  .description(
    'restore a backup file into the configured database (PGlite or PostgreSQL); all or nothing',
  )
  .argument('<file>', 'a file written by sendboard backup')
  .action(async (file: string) => {
    const text =
      file === '-' ? await readStream(process.stdin) : await readStream(createReadStream(file));
    let backup: Backup;
    try {
      backup = JSON.parse(text) as Backup;
    } catch (error) {
      throw new Error(`${file} is not a Sendboard backup (not JSON)`, { cause: error });
    }
    const db = await openAndMigrate(loadConfig());
    try {
      const { restoreBackup } = await import('./backup/backup-service.js');
      const result = await restoreBackup(db, backup);
      console.log(
        `Restored ${result.rows} rows: ${result.partnerships.join(', ') || 'no partnerships'}`,
      );
    } finally {
      await db.close();
    }
  });

const calendar = program
  .command('calendar')
  .description('the England and Wales working-day calendar');
calendar
  .command('holidays')
  .description('print the bank holidays of a year, one ISO date per line')
  .argument('<year>', 'e.g. 2026', parseYear)
  .action(async (year: number) => {
    const { englandAndWalesBankHolidays } = await import('./platform/calendar/index.js');
    for (const date of englandAndWalesBankHolidays(year)) console.log(date);
  });
calendar
  .command('add-working-days')
  .description('print the date N working days after DATE (day 1 is the first working day after it)')
  .argument('<date>', 'YYYY-MM-DD')
  .argument('<n>', 'number of working days', parseInteger)
  .action(async (date: string, n: number) =>
    console.log((await import('./platform/calendar/index.js')).addWorkingDays(date, n)),
  );

program
  .command('reminders')
  .description(
    'queue the reminder emails due today (the running server also does this every 15 minutes)',
  )
  .action(async () => {
    const config = loadConfig();
    const db = await openAndMigrate(config);
    try {
      const { queueReminders } = await import('./notifications/reminders.js');
      const { todayInLondon } = await import('./platform/web/today.js');
      const queued = await queueReminders(db, { baseUrl: config.baseUrl, today: todayInLondon() });
      console.log(
        `Queued ${queued.round} update reminders and ${queued.deadline} deadline reminders. The running server sends them.`,
      );
    } finally {
      await db.close();
    }
  });

program
  .command('letter')
  .description('Ofsted/CQC outcome letters and reports')
  .command('parse')
  .description('read a letter or report (.txt or .pdf) and print what Sendboard would propose')
  .argument('<file>', 'the letter as .pdf or .txt')
  .option('--json', 'print the proposal as JSON')
  .action(async (file: string, options: { json?: boolean }) => {
    const { LetterInputError, parseLetterFile } = await import('./letters/index.js');
    const { formatProposal } = await import('./cli/letters.js');
    try {
      const proposal = await parseLetterFile(new Uint8Array(await readFile(file)), file);
      console.log(options.json ? JSON.stringify(proposal, null, 2) : formatProposal(proposal));
    } catch (error) {
      if (error instanceof LetterInputError)
        throw new Error(`${file}: ${error.message}`, { cause: error });
      throw error;
    }
  });

const report = program.command('report').description('documents written from a partnership’s data');
report
  .command('plan')
  .description('write a plan (or one of its versions) as a Word document')
  .requiredOption('--plan <id>', 'the plan’s id (in its page’s address)')
  .option(
    '--version <n>',
    'a saved version of the plan (default: the plan as it is now)',
    parsePositive,
  )
  .requiredOption('--out <file>', 'the .docx file to write')
  .action(async (options: { plan: string; version?: number; out: string }) => {
    const db = await openAndMigrate(loadConfig());
    try {
      const { writePlanDocument } = await import('./reports/index.js');
      console.log(await writePlanDocument(db, options));
    } finally {
      await db.close();
    }
  });

report
  .command('board')
  .description(
    'write a board report (or a DfE/NHS England monitoring pack) on one or more plans as a Word document, and keep it in Sendboard',
  )
  .requiredOption(
    '--plan <id...>',
    'the plans’ ids (in their pages’ addresses), of one partnership',
  )
  .requiredOption('--period <from..to>', 'the period it covers, like 2026-11-01..2026-11-30')
  .option('--kind <kind>', 'board or monitoring', 'board')
  .option('--title <text>', 'the report’s title')
  .option('--meeting <id>', 'the board meeting it is for')
  .requiredOption('--out <file>', 'the .docx file to write')
  .action(
    async (options: {
      plan: string[];
      period: string;
      kind: string;
      title?: string;
      meeting?: string;
      out: string;
    }) => {
      if (options.kind !== 'board' && options.kind !== 'monitoring')
        throw new Error(`--kind must be board or monitoring, not "${options.kind}"`);
      const db = await openAndMigrate(loadConfig());
      try {
        const { writeBoardReport } = await import('./reports/index.js');
        console.log(await writeBoardReport(db, { ...options, kind: options.kind }));
      } finally {
        await db.close();
      }
    },
  );

program
  .command('demo')
  .description(
    'create the fictional Northshire demo partnership with a year of history and performance data, and print how to sign in',
  )
  .option('--years <n>', 'years of monthly update rounds (12 a year)', parsePositive, 1)
  .option('--partnerships <n>', 'how many copies: Northshire, Northshire 2…', parsePositive, 1)
  .action(async (options: { years: number; partnerships: number }) =>
    (await import('./demo/cli.js')).runDemo(options),
  );

const importCommand = program.command('import').description('import data files into a partnership');
importCommand
  .command('ehc-cases')
  .description(
    'import case-level EHC needs assessment requests and plans issued (CSV or XLSX) as a case set; a set with the same label is replaced',
  )
  .argument(
    '<file>',
    'a .csv or .xlsx file: case reference, request date, issue date, exception, primary need',
  )
  .requiredOption('--partnership <slug>', 'the partnership (its URL name)')
  .requiredOption('--label <label>', 'the case set\'s label, like "SEN2 cases 2025"')
  .option('--sheet <name>', 'the worksheet of an Excel file (default: the first)')
  .option('--yes', 'save without asking')
  .action(
    async (
      file: string,
      options: { partnership: string; label: string; sheet?: string; yes?: boolean },
    ) => (await import('./performance/timeliness/cli.js')).runImportEhcCases(file, options),
  );

for (const [name, kind, columns] of [
  ['indicators', 'indicator_values', 'indicator, period, area, value, numerator, denominator'],
  [
    'benchmarks',
    'benchmarks',
    'indicator, period, series (England, Region, Statistical neighbours), value',
  ],
  ['geography', 'geography', 'URN, school name, phase, district, locality'],
] as const) {
  importCommand
    .command(name)
    .description(
      `check a ${name === 'geography' ? 'list of schools with their districts and localities' : name === 'indicators' ? 'file of indicator values' : 'file of benchmark figures'} (CSV or XLSX) and print what saving would change; with --yes, save it (all or nothing)`,
    )
    .argument('<file>', `a .csv or .xlsx file: ${columns}`)
    .requiredOption('--partnership <slug>', 'the partnership (its URL name)')
    .option('--sheet <name>', 'the worksheet of an Excel file (default: the first)')
    .option('--yes', 'save it; without this nothing is saved')
    .action(async (file: string, options: { partnership: string; sheet?: string; yes?: boolean }) =>
      (await import('./performance/imports/cli.js')).runImport(kind, file, options),
    );
}

importCommand
  .command('census')
  .description(
    'import a school census SEN file (CSV or XLSX), pupil-level or school-level, as counts per school; a census with the same date is replaced',
  )
  .argument(
    '<file>',
    'a .csv or .xlsx file: pupil rows (URN, SEN provision, primary need) or school counts (URN, total pupils, EHC plan, SEN support, E MLD…)',
  )
  .requiredOption('--partnership <slug>', 'the partnership (its URL name)')
  .requiredOption('--label <label>', 'the census label, like "Spring 2025"')
  .requiredOption('--date <date>', 'the census date, YYYY-MM-DD')
  .option('--sheet <name>', 'the worksheet of an Excel file (default: the first)')
  .option('--yes', 'save without asking')
  .action(
    async (
      file: string,
      options: { partnership: string; label: string; date: string; sheet?: string; yes?: boolean },
    ) => (await import('./performance/census/cli.js')).runCensusImport(file, options),
  );

function parsePositive(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('Give a whole number, like 1.');
  return Number(value);
}
function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('Give a four-digit year, like 2026.');
  return Number(value);
}
function parseInteger(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('Give a whole number, like 70.');
  return Number(value);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
