/**
 * `PersonalDataKeys.obtain` written once for both key tables (docs/decisions/0230): read the keys,
 * let the table write only the subjects without a row (in one commit, however many; a row written
 * meanwhile by another process wins), then read those back: what the table holds is the key.
 */
export async function obtainDataKeys(
  subjects: readonly string[],
  table: {
    find(subjects: Iterable<string>): Promise<Map<string, Buffer | null>>;
    insertMissing(subjects: readonly string[]): Promise<void>;
  },
): Promise<Map<string, Buffer | null>> {
  const list = [...new Set(subjects)];
  const keys = await table.find(list);
  const missing = list.filter((subject) => !keys.has(subject));
  if (missing.length === 0) return keys;
  await table.insertMissing(missing);
  for (const [subject, key] of await table.find(missing))
    keys.set(subject, key);
  return keys;
}
