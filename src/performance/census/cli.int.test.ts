import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config/paths.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'sendboard-census-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' };

function sendboard(args: string[], input = '') {
  const child = run(
    path.join(projectRoot, 'node_modules/.bin/tsx'),
    [path.join(projectRoot, 'src/cli.ts'), ...args],
    { env, cwd: projectRoot },
  );
  child.child.stdin!.end(input);
  return child;
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('sendboard import census', { timeout: 180_000 }, () => {
  it('prints row errors and exits 1 with nothing saved; saves with --yes; replaces by date', async () => {
    await sendboard(
      [
        'user',
        'add',
        '--email',
        'ada@example.org',
        '--name',
        'Ada',
        '--partnership-name',
        'Testshire SEND Partnership',
        '--local-authority',
        'Testshire County Council',
        '--la-code',
        '998',
        '--password-stdin',
      ],
      'correct horse battery staple\n',
    );
    const bad = path.join(dataDir, 'bad.csv');
    writeFileSync(bad, 'URN,UPN,SEN provision,Primary SEN need\n100001,A1,E,NSA\n100001,A2,Q,\n');
    const good = path.join(dataDir, 'good.csv');
    writeFileSync(
      good,
      'URN,UPN,SEN provision,Primary SEN need\n100001,A1,E,MLD\n100001,A2,N,\n100002,A3,K,NSA\n',
    );
    const common = ['--partnership', 'testshire-send-partnership', '--date', '2025-01-16'];

    const refused = await sendboard([
      'import',
      'census',
      bad,
      ...common,
      '--label',
      'Spring 2025',
      '--yes',
    ]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('2 problems. Nothing was saved.');
    expect(refused?.stderr).toContain('Row 2, Primary SEN need: NSA');
    expect(refused?.stderr).toContain('Row 3, SEN provision: ‘Q’ is not an SEN provision.');

    const dry = await sendboard(['import', 'census', good, ...common, '--label', 'Spring 2025']);
    expect(dry.stdout).toContain('2 schools, 3 pupils');
    expect(dry.stdout).toContain('Nothing was saved.');

    const saved = await sendboard([
      'import',
      'census',
      good,
      ...common,
      '--label',
      'Spring 2025',
      '--yes',
    ]);
    expect(saved.stdout).toMatch(
      /Saved census ‘Spring 2025’: \/p\/testshire-send-partnership\/performance\/census\/[0-9a-f-]{36}/,
    );

    const replaced = await sendboard([
      'import',
      'census',
      good,
      ...common,
      '--label',
      'Spring 2025 v2',
      '--yes',
    ]);
    expect(replaced.stdout).toContain('Saving replaces the census already saved for 2025-01-16');
    expect(replaced.stdout).toContain('replacing the one with the same date');
  });
});
