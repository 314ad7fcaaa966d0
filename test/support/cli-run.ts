import { loadAppConfig, type AppConfig } from '@app/app-config';
import { parseArgs, type CliArgs } from '../../apps/cli/src/cli-args.js';

/** Runs one CLI command in this process on `dataDir` and captures the JSON line it prints. */
export async function runCli(
  command: (args: CliArgs, config: AppConfig) => Promise<number>,
  argv: string[],
  dataDir: string,
): Promise<{ code: number; result: Record<string, unknown> }> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = (chunk: string) => ((out += chunk), true);
  try {
    const code = await command(
      parseArgs(argv),
      loadAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error' }),
    );
    return {
      code,
      result: JSON.parse(out.trim().split('\n').pop()!) as Record<
        string,
        unknown
      >,
    };
  } finally {
    process.stdout.write = write;
  }
}
