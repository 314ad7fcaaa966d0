import 'reflect-metadata';
import {
  ConfigError,
  loadAppConfig,
  readProcessConfig,
  type AppConfig,
} from '@app/app-config';
import { parseArgs, UsageError, type CliArgs } from './cli-args.js';
import { backupCommand, restoreCommand } from './commands/backup.js';
import { demoCommand } from './commands/demo.js';
import { tokenCommand } from './commands/token.js';
import { eraseWorkerCommand } from './commands/erase-worker.js';
import { exportCommand } from './commands/export.js';
import { rebuildCommand } from './commands/rebuild.js';
import { verifyCommand } from './commands/verify.js';

const USAGE = `usage: cli <command> [options]   (configuration from the environment, as for npm start)

  demo [--seed N] [--enterprises N]   load the synthetic Xiangxiang demo county (default seed 20230901, 420 enterprises)
  verify                              walk the store's hash chain; exit 1 when broken or empty
  verify --file EXPORT [--checkpoints FILE --public-key FILE]
                                      verify an export offline (docs/audit/hash-chain.md); exit 1 when broken
  token --role R [--zones z1,z2] [--sub S] [--ttl 8h]
                                      mint a bearer token with the local key (roles: admin, officer, hr-feed, leader, auditor)
  export [--stream NAME]              the whole log, or one stream, as NDJSON with a header line on stdout
  backup <file>                       consistent online copy of the embedded store (and DATA_DIR's keys) while the api runs
  restore <file>                      into an empty DATA_DIR: puts the log back, verifies the chain, rebuilds the read models
  rebuild [--projector NAME] [--swap] replay the log into scratch tables, compare with the live read models,
                                      print one JSON line; exit 1 when they differ or the log head moved;
                                      --swap then makes the rebuilt tables live while the api keeps serving
  erase-worker <workerRef> [--actor NAME]
                                      (admin) destroy the worker's data key: their personal fields read as erased
                                      everywhere; recorded as WorkerPersonalDataErased; idempotent
`;

const COMMANDS: Record<
  string,
  (args: CliArgs, config: AppConfig) => Promise<number>
> = {
  demo: demoCommand,
  token: tokenCommand,
  verify: verifyCommand,
  export: exportCommand,
  backup: backupCommand,
  restore: restoreCommand,
  rebuild: rebuildCommand,
  'erase-worker': eraseWorkerCommand,
};

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (
    args.command === undefined ||
    args.command === 'help' ||
    args.command === '--help'
  ) {
    process.stdout.write(USAGE);
    return args.command === undefined ? 2 : 0;
  }
  const run = COMMANDS[args.command];
  if (run === undefined) {
    process.stderr.write(`unknown command "${args.command}"\n${USAGE}`);
    return 2;
  }
  const config = readProcessConfig(loadAppConfig);
  if (config instanceof ConfigError) return 2;
  try {
    return await run(args, config);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
