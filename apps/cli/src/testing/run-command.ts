import { jest } from '@jest/globals';
import type { AppConfig } from '@app/app-config';
import { parseArgs, type CliArgs } from '../cli-args.js';

/** Runs a CLI command in this process with its stdout captured (for tests). */
export async function runCommand(
  command: (args: CliArgs, config: AppConfig) => Promise<number>,
  argv: string[],
  config: AppConfig,
): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out += chunk.toString();
      const callback = rest.find((r) => typeof r === 'function') as
        ((error?: Error) => void) | undefined;
      callback?.();
      return true;
    });
  try {
    const code = await command(parseArgs(argv), config);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}
