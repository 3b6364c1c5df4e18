import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../platform/config/paths.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'sendboard-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' };

function sendboard(args: string[], input?: string) {
  const child = run(
    path.join(projectRoot, 'node_modules/.bin/tsx'),
    [path.join(projectRoot, 'src/cli.ts'), ...args],
    { env, cwd: projectRoot },
  );
  if (input !== undefined) {
    child.child.stdin!.end(input);
  } else {
    child.child.stdin!.end();
  }
  return child;
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each command is a fresh Node process opening the embedded database: allow for a busy machine.
describe('sendboard CLI', { timeout: 120_000 }, () => {
  it('prints bank holidays and working-day deadlines', async () => {
    const holidays = await sendboard(['calendar', 'holidays', '2026']);
    expect(holidays.stdout.trim().split('\n')).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
    const due = await sendboard(['calendar', 'add-working-days', '2025-12-19', '70']);
    expect(due.stdout.trim()).toBe('2026-04-01');
    await expect(sendboard(['calendar', 'holidays', 'next'])).rejects.toMatchObject({
      stderr: expect.stringContaining('four-digit year'),
    });
  });

  const pdf = path.join(projectRoot, '../shared/data/area-send-reports/suffolk.pdf');
  it.skipIf(!existsSync(pdf))('parses an outcome letter PDF to the JSON shape', async () => {
    const { stdout } = await sendboard(['letter', 'parse', pdf, '--json']);
    const proposal = JSON.parse(stdout);
    expect(Object.keys(proposal)).toEqual([
      'framework',
      'kind',
      'area',
      'onSiteStart',
      'onSiteEnd',
      'letterDate',
      'outcome',
      'outcomeWording',
      'team',
      'wsoaRequired',
      'findings',
      'progress',
      'progressInAll',
    ]);
    expect(proposal.framework).toBe('2023');
    expect(proposal.findings.some((f: { type: string }) => f.type === 'priority_action')).toBe(
      true,
    );
    // Each area for priority action keeps the body the published table names as responsible.
    expect(
      proposal.findings.some(
        (f: { type: string; responsibleBody?: string }) =>
          f.type === 'priority_action' && (f.responsibleBody ?? '') !== '',
      ),
    ).toBe(true);
    const text = await sendboard([
      'letter',
      'parse',
      path.join(projectRoot, 'src/letters/fixtures/medway-2018.txt'),
    ]);
    expect(text.stdout).toContain('Areas of significant weakness (8)');
    await expect(
      sendboard(['letter', 'parse', path.join(projectRoot, 'package.json')]),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('PDF (.pdf) or a plain text file') });
  });

  it('sets up the first partnership and admin, adds a person, makes a token and backs up', async () => {
    const first = await sendboard([
      'user',
      'add',
      '--email',
      'admin@northshire.example',
      '--name',
      'Ada Admin',
      '--partnership-name',
      'Northshire',
      '--local-authority',
      'Northshire Council',
      '--la-code',
      '901',
    ]);
    expect(first.stdout).toContain('Created partnership Northshire (northshire)');
    expect(first.stdout).toMatch(/Password \(shown once\): \S{20}/);
    const bad = sendboard(
      [
        'user',
        'add',
        '--email',
        'weak@northshire.example',
        '--name',
        'Weak',
        '--partnership',
        'northshire',
        '--role',
        'lead',
        '--password-stdin',
      ],
      'password1234\n',
    );
    await expect(bad).rejects.toMatchObject({
      stderr: expect.stringContaining('Password is too common'),
    });
    const lead = await sendboard(
      [
        'user',
        'add',
        '--email',
        'lee@northshire.example',
        '--name',
        'Lee Lead',
        '--partnership',
        'northshire',
        '--role',
        'lead',
        '--password-stdin',
      ],
      'correct horse battery staple\n',
    );
    expect(lead.stdout).toContain('Added lee@northshire.example to Northshire as lead');
    expect(lead.stdout).not.toContain('Password');
    const token = await sendboard([
      'token',
      'create',
      '--email',
      'lee@northshire.example',
      '--name',
      'script',
    ]);
    expect(token.stdout.trim()).toMatch(/^sb_[\w-]{43}$/);
    const backup = await sendboard(['backup', '--partnership', 'northshire']);
    const parsed = JSON.parse(backup.stdout);
    expect(parsed.tables.users.map((u: { email: string }) => u.email).sort()).toEqual([
      'admin@northshire.example',
      'lee@northshire.example',
    ]);
    const migrate = await sendboard(['migrate']);
    expect(migrate.stdout).toContain('The database is up to date');
  });
});
