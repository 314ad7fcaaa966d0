import type { AppConfig } from '@app/app-config';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@app/event-store';
import { bootService } from '../boot.js';
import { expectOnly, stringOption, type CliArgs } from '../cli-args.js';

const PAGE = 1000;

/** One stored event as an NDJSON line; bigints (positions) as strings. */
export const toNdjsonLine = (event: StoredEvent): string =>
  `${JSON.stringify(event, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}\n`;

/**
 * `export [--stream NAME]`: the whole log in global order, or one stream in stream order, as NDJSON
 * on stdout — every envelope field with prevHash and hash, so the chain can be checked offline.
 */
export async function exportCommand(args: CliArgs, config: AppConfig): Promise<number> {
  expectOnly(args, ['stream']);
  const stream = stringOption(args, 'stream');
  const app = await bootService(config);
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    if (stream !== undefined) {
      for (let from = 0n; ; ) {
        const page = await store.readStream(stream, { from, maxCount: PAGE });
        await write(page.map(toNdjsonLine).join(''));
        if (page.length < PAGE) break;
        from = page[page.length - 1].streamPosition + 1n;
      }
      return 0;
    }
    for (let from = 1n; ; ) {
      const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
      await write(page.map(toNdjsonLine).join(''));
      if (page.length < PAGE) break;
      from = page[page.length - 1].globalPosition + 1n;
    }
    return 0;
  } finally {
    await app.close();
  }
}

/** Writes to stdout and waits when the pipe is full. */
function write(chunk: string): Promise<void> {
  if (chunk === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    process.stdout.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
