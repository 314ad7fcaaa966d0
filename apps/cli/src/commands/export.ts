import type { AppConfig } from '@app/app-config';
import { auditExportLines } from '@app/audit';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { SystemClock } from '@app/shared-kernel';
import { bootService } from '../boot.js';
import { expectOnly, stringOption, type CliArgs } from '../cli-args.js';
import { assertStoreExists } from './verify.js';

/**
 * `export [--stream NAME]`: the whole log in global order, or one stream, as NDJSON on stdout — a
 * header line, then every envelope field with prevHash and hash (docs/audit/hash-chain.md §6).
 */
export async function exportCommand(
  args: CliArgs,
  config: AppConfig,
): Promise<number> {
  expectOnly(args, ['stream']);
  const stream = stringOption(args, 'stream');
  const missing = assertStoreExists(config);
  if (missing) {
    process.stderr.write(`${missing}\n`);
    return 2;
  }
  const app = await bootService(config);
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    for await (const chunk of auditExportLines({
      store,
      backend: config.eventStore.kind,
      clock: new SystemClock(),
      stream,
    })) {
      await write(chunk);
    }
    return 0;
  } finally {
    await app.close();
  }
}

/** Writes to stdout and waits when the pipe is full, so memory stays bounded. */
function write(chunk: string): Promise<void> {
  if (chunk === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    process.stdout.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
