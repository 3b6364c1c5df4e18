/**
 * Opens Word files with LibreOffice headless, as a person's Word or LibreOffice would, converts
 * them to PDF and reads the PDF's text: the documents Sendboard writes are checked as real files.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractText, getDocumentProxy } from 'unpdf';

const run = promisify(execFile);
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

/** Whether LibreOffice is here. CI installs it (.ci/run), so there a missing one is a failure. */
export const libreOfficeAvailable = () => SOFFICE !== undefined || process.env.CI === 'true';

/** The Word file converted to PDF by LibreOffice: its text, page by page joined, and page count. */
export async function docxToPdfText(docx: Buffer): Promise<{ text: string; pages: number }> {
  if (!SOFFICE) throw new Error('LibreOffice (soffice) is not installed');
  const dir = await mkdtemp(path.join(tmpdir(), 'sendboard-docx-'));
  try {
    const file = path.join(dir, 'document.docx');
    await writeFile(file, docx);
    // A profile of its own, so conversions running side by side never share a lock.
    await run(
      SOFFICE,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { timeout: 120_000 },
    );
    const pdf = await getDocumentProxy(
      new Uint8Array(await readFile(path.join(dir, 'document.pdf'))),
    );
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    return { text: text.replace(/\s+/g, ' '), pages: totalPages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
