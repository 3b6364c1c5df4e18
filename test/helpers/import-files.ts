// Temporary folders of real files for the import tests, cleaned up afterwards, and checks that a
// file was closed.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

export interface TempFiles {
  readonly dir: string;
  write(name: string, content: string | Uint8Array): string;
  xlsx(name: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string>;
  remove(): void;
}

export function tempFiles(): TempFiles {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sendboard-imports-'));
  return {
    dir,
    write(name, content) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    async xlsx(name, build) {
      const workbook = new ExcelJS.Workbook();
      build(workbook);
      const file = path.join(dir, name);
      await workbook.xlsx.writeFile(file);
      return file;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Open file descriptors of this process (Linux), to show a file was closed. */
export function openFileCount(): number | undefined {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return undefined;
  }
}

export async function settle(check: () => boolean, ms = 1000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}
