import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERSONAL_DATA_KEYS_FILE } from '@app/injuries';
import type { TestApp } from './test-app.js';

/**
 * A fresh DATA_DIR holding a copy of `t`'s key table (docs/decisions/0230): the same seed, secret and
 * keys give byte-identical sealed events, while each fresh key table gives its own ciphertext.
 * The caller removes the directory.
 */
export function dataDirWithKeysOf(t: TestApp): string {
  const dir = mkdtempSync(join(tmpdir(), 'safety-keys-'));
  copyFileSync(
    join(t.config.dataDir, PERSONAL_DATA_KEYS_FILE),
    join(dir, PERSONAL_DATA_KEYS_FILE),
  );
  return dir;
}
