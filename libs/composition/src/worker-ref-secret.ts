import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@app/app-config';

export const WORKER_REF_SECRET_FILE = 'worker-ref.secret';

/**
 * The HMAC key of worker pseudonyms. Production sets WORKER_REF_SECRET; the embedded default
 * generates one once into DATA_DIR (mode 0600) so pseudonyms stay stable across restarts.
 */
export function resolveWorkerRefSecret(config: AppConfig): string {
  if (config.hrFeed.workerRefSecret) return config.hrFeed.workerRefSecret;
  const file = join(config.dataDir, WORKER_REF_SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), {
      mode: 0o600,
      flag: 'wx',
    });
  }
  return readFileSync(file, 'utf8').trim();
}
