import { ConfigError, loadDotEnv } from './app-config.js';

/**
 * How every process reads its configuration: `.env`, then what `read` takes from the environment.
 * Invalid configuration prints its message on stderr and comes back as the ConfigError, so the
 * caller exits 2 (docs/decisions/0200); any other error is thrown on.
 */
export function readProcessConfig<T>(read: () => T): T | ConfigError {
  try {
    loadDotEnv();
    return read();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return error;
    }
    throw error;
  }
}

/** readProcessConfig for a long-running service: exit 2 on invalid configuration. */
export function configOrExit<T>(read: () => T): T {
  const config = readProcessConfig(read);
  if (config instanceof ConfigError) process.exit(2);
  return config;
}
