import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@app/app-config';
import { EraseWorkerService } from '@app/injuries';
import { DomainError } from '@app/shared-kernel';
import { bootService } from '../boot.js';
import {
  expectOnly,
  stringOption,
  UsageError,
  type CliArgs,
} from '../cli-args.js';
import { assertStoreExists } from './verify.js';

function print(value: unknown, code: number): number {
  process.stdout.write(`${JSON.stringify(value)}\n`);
  return code;
}

/**
 * `erase-worker <workerRef> [--actor NAME]` (admin, docs/decisions/0231-erase-worker.md): destroys the
 * worker's data key and records WorkerPersonalDataErased. Idempotent: a repeat says `erasedNow: false`.
 * One JSON line; exit 0 done, 2 bad input.
 */
export async function eraseWorkerCommand(
  args: CliArgs,
  config: AppConfig,
): Promise<number> {
  const [workerRef, ...extra] = args.positional;
  if (!workerRef)
    throw new UsageError(
      'erase-worker needs a workerRef: cli erase-worker <workerRef>',
    );
  expectOnly({ ...args, positional: extra }, ['actor']);
  const actor = stringOption(args, 'actor') ?? 'admin';
  const missing = assertStoreExists(config);
  if (missing) return print({ ok: false, error: missing }, 2);
  const app = await bootService(config);
  try {
    const outcome = await app
      .get(EraseWorkerService)
      .erase(workerRef, { actor, correlationId: randomUUID() });
    return print({ ok: true, ...outcome }, 0);
  } catch (error) {
    if (error instanceof DomainError)
      return print({ ok: false, code: error.code, error: error.message }, 2);
    throw error;
  } finally {
    await app.close();
  }
}
