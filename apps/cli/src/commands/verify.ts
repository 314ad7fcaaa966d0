import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AppConfig } from '@app/app-config';
import {
  parsePublicKey,
  UnusableExportError,
  verifyExport,
  type SignedCheckpoint,
} from '@app/audit';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { bootService } from '../boot.js';
import {
  expectOnly,
  stringOption,
  UsageError,
  type CliArgs,
} from '../cli-args.js';

/**
 * Without the production environment the embedded default points at DATA_DIR/events.sqlite; opening
 * it would create an empty store and "verify" nothing. A store that is not there is named instead.
 */
export function assertStoreExists(config: AppConfig): string | undefined {
  if (
    config.eventStore.kind !== 'sqlite' ||
    existsSync(config.eventStore.filename)
  )
    return undefined;
  return (
    `no event store at ${config.eventStore.filename}: DATA_DIR (${config.dataDir}) holds no log. ` +
    "Set DATA_DIR to the service's data directory, or EVENT_STORE and its connection variables for PostgreSQL or KurrentDB."
  );
}

/**
 * `verify`: walks the store's hash chain. `verify --file EXPORT [--checkpoints F --public-key F]`:
 * verifies an export offline by the rules apps/audit-verifier/verify_export.py follows.
 * Prints one JSON line; exit 0 verified, 1 not verified (reason and first broken position), 2 unusable input.
 */
export async function verifyCommand(
  args: CliArgs,
  config: AppConfig,
): Promise<number> {
  expectOnly(args, ['file', 'checkpoints', 'public-key']);
  const file = stringOption(args, 'file');
  if (file !== undefined)
    return verifyFile(
      file,
      stringOption(args, 'checkpoints'),
      stringOption(args, 'public-key'),
    );
  if (args.options.has('checkpoints') || args.options.has('public-key')) {
    throw new UsageError(
      '--checkpoints and --public-key check an export: use them with --file',
    );
  }
  const missing = assertStoreExists(config);
  if (missing) return print({ ok: false, error: missing }, 2);
  const app = await bootService(config);
  try {
    const result = await app.get<EventStore>(EVENT_STORE).verifyChain();
    if (result.ok && result.checked === 0) {
      return print(
        {
          ok: false,
          checked: 0,
          error: `the ${config.eventStore.kind} event store holds no events: there is nothing to verify (is the configuration pointing at the right store?)`,
        },
        1,
      );
    }
    return print(
      {
        ok: result.ok,
        checked: result.checked,
        firstBrokenPosition:
          result.firstBrokenPosition === undefined
            ? null
            : result.firstBrokenPosition.toString(),
        ...(result.reason === undefined ? {} : { reason: result.reason }),
      },
      result.ok ? 0 : 1,
    );
  } finally {
    await app.close();
  }
}

async function verifyFile(
  file: string,
  checkpointsFile?: string,
  publicKeyFile?: string,
): Promise<number> {
  try {
    const publicKey = publicKeyFile
      ? parsePublicKey(readFileSync(publicKeyFile, 'utf8'))
      : undefined;
    const checkpoints = checkpointsFile ? readCheckpoints(checkpointsFile) : [];
    if (checkpoints.length > 0 && !publicKey)
      throw new UsageError(
        '--checkpoints needs --public-key: a checkpoint is worth only its signature',
      );
    if (!existsSync(file)) throw new UnusableExportError(`no file ${file}`);
    const lines = createInterface({
      input: createReadStream(file, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    const report = await verifyExport(lines, { checkpoints, publicKey });
    return print(report, report.ok ? 0 : 1);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (
      error instanceof UnusableExportError ||
      error instanceof SyntaxError ||
      (error as NodeJS.ErrnoException).code !== undefined
    ) {
      return print({ ok: false, error: (error as Error).message }, 2);
    }
    throw error;
  }
}

/** A JSON array, the body of GET /api/v1/audit/checkpoints, or NDJSON — as the Python verifier reads them. */
function readCheckpoints(file: string): SignedCheckpoint[] {
  const text = readFileSync(file, 'utf8').trim();
  if (text === '') return [];
  let items: unknown;
  try {
    const parsed = JSON.parse(text) as unknown;
    items = Array.isArray(parsed)
      ? parsed
      : ((parsed as { items?: unknown; checkpoints?: unknown }).items ??
        (parsed as { checkpoints?: unknown }).checkpoints ??
        []);
  } catch {
    items = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as unknown);
  }
  const list = items as SignedCheckpoint[];
  for (const item of list) {
    if (
      !item ||
      !['position', 'hash', 'at', 'signature'].every(
        (k) =>
          typeof (item as unknown as Record<string, unknown>)[k] === 'string',
      )
    ) {
      throw new UnusableExportError(
        `${file}: each checkpoint needs position, hash, at and signature as strings`,
      );
    }
  }
  return list;
}

function print(report: object, code: number): number {
  process.stdout.write(`${JSON.stringify(report)}\n`);
  return code;
}
