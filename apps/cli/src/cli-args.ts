/** `<command> [--name value | --name=value | --flag] …`, parsed without a library. */
export interface CliArgs {
  command: string | undefined;
  options: Map<string, string | true>;
  positional: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) options.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (i + 1 < rest.length && !rest[i + 1].startsWith('--'))
      options.set(arg.slice(2), rest[++i]);
    else options.set(arg.slice(2), true);
  }
  return { command, options, positional };
}

/** Fails on options the command does not know, so that a typo is not silently ignored. */
export function expectOnly(args: CliArgs, known: readonly string[]): void {
  const unknown = [...args.options.keys()].filter((k) => !known.includes(k));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown option ${unknown.map((k) => `--${k}`).join(', ')}`,
    );
  if (args.positional.length > 0)
    throw new UsageError(`unexpected argument ${args.positional.join(' ')}`);
}

export function intOption(
  args: CliArgs,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = args.options.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      `--${name} must be an integer from ${min} to ${max}, got ${raw === true ? 'nothing' : `"${raw}"`}`,
    );
  }
  return value;
}

export function stringOption(args: CliArgs, name: string): string | undefined {
  const raw = args.options.get(name);
  if (raw === true) throw new UsageError(`--${name} needs a value`);
  return raw;
}
