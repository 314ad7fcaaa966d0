import type { AppConfig } from '@app/app-config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { bootService } from '../boot.js';
import { expectOnly, type CliArgs } from '../cli-args.js';

/** `verify-chain`: walks the hash chain; prints {ok, checked, firstBrokenPosition}; exit 1 if broken. */
export async function verifyChainCommand(args: CliArgs, config: AppConfig): Promise<number> {
  expectOnly(args, []);
  const app = await bootService(config);
  try {
    const result = await app.get<EventStore>(EVENT_STORE).verifyChain();
    const report = {
      ok: result.ok,
      checked: result.checked,
      firstBrokenPosition: result.firstBrokenPosition === undefined ? null : result.firstBrokenPosition.toString(),
      ...(result.reason === undefined ? {} : { reason: result.reason }),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await app.close();
  }
}
