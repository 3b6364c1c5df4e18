/** The result of an edit that carries the version it was based on. */
export type Edit<T> =
  { outcome: 'ok' } | { outcome: 'conflict'; current: T } | { outcome: 'not-found' };

/**
 * Optimistic concurrency in one place: save only if the record is still at the version the editor
 * read (save() must itself check the version in its UPDATE), then run what follows a save.
 */
export async function versionedEdit<T extends { version: number }>(
  current: T | undefined,
  version: number,
  save: () => Promise<boolean>,
  afterSave: (current: T) => Promise<void>,
): Promise<Edit<T>> {
  if (!current) return { outcome: 'not-found' };
  if (current.version !== version || !(await save())) return { outcome: 'conflict', current };
  await afterSave(current);
  return { outcome: 'ok' };
}
