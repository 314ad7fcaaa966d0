import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { mintLocalToken } from '@app/access';
import { loadAppConfig } from '@app/app-config';
import { TEST_PRODUCTION_AUTH } from './test-app.js';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');

/** Builds apps/api once per test file (fault tests run the real process, as production does). */
export function buildApi(): void {
  execFileSync('npx', ['nest', 'build', 'api'], { cwd: ROOT, stdio: 'pipe' });
  if (!existsSync(MAIN)) throw new Error(`nest build did not produce ${MAIN}`);
}

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

/** An admin bearer token the api started by startApi(env) accepts (production mode: TEST_PRODUCTION_AUTH). */
export function apiToken(
  env: Record<string, string>,
  sub = 'test-admin',
): string {
  return mintLocalToken(loadAppConfig({ ...TEST_PRODUCTION_AUTH, ...env }), {
    sub,
    role: 'admin',
  });
}

/** The built api as a child process on a random port, its output collected. */
function spawnApi(env: Record<string, string>): Omit<ApiProcess, 'url'> {
  return spawnApp(MAIN, [], { PORT: '0', ...env });
}

/** A built app (api, projector, cli) as a child process with the test auth configuration, its output collected. */
function spawnApp(
  main: string,
  args: string[],
  env: Record<string, string>,
): Omit<ApiProcess, 'url'> {
  const child = spawn(process.execPath, [main, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'log',
      LOG_FORMAT: 'json',
      ...TEST_PRODUCTION_AUTH,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  onOutput(child, (text) => (output += text));
  const exited = exitOf(child).then(({ code, signal }) => code ?? signal ?? -1);
  return { child, output: () => output, exited };
}

/** What a child process writes on stdout and stderr, handed to `sink` as it arrives. */
export function onOutput(
  child: ChildProcess,
  sink: (text: string) => void,
): void {
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => sink(chunk.toString('utf8')));
}

/** How a child process ended: its exit code, or the signal that stopped it. */
export function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
}

/** Starts the built api on a random port and resolves once it listens. */
export async function startApi(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ApiProcess> {
  const { child, output, exited } = spawnApi(env);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `api did not listen within ${timeoutMs} ms:\n${output().slice(-2000)}`,
          ),
        ),
      timeoutMs,
    );
    const poll = setInterval(() => {
      const match = /"listening on :(\d+)/.exec(output());
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(
        new Error(
          `api exited (${code}) before listening:\n${output().slice(-2000)}`,
        ),
      );
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, output, exited };
}

/** Runs the built api until it exits (a start that must fail) and resolves with its exit code and output. */
export async function runApiToExit(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | string; output: string }> {
  const { child, output, exited } = spawnApi(env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}

const CLI_MAIN = join(ROOT, 'dist/apps/cli/apps/cli/src/main.js');
const PROJECTOR_MAIN = join(
  ROOT,
  'dist/apps/projector/apps/projector/src/main.js',
);

/** Builds apps/projector once per test file. */
export function buildProjector(): void {
  execFileSync('npx', ['nest', 'build', 'projector'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  if (!existsSync(PROJECTOR_MAIN))
    throw new Error(`nest build did not produce ${PROJECTOR_MAIN}`);
}

export type ProjectorProcess = Omit<ApiProcess, 'url'>;

/** Starts the built apps/projector and resolves once it says it is running. */
export async function startProjector(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ProjectorProcess> {
  const { child, output, exited } = spawnApp(PROJECTOR_MAIN, [], env);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `projector did not start within ${timeoutMs} ms:\n${output().slice(-2000)}`,
          ),
        ),
      timeoutMs,
    );
    const poll = setInterval(() => {
      if (output().includes('"running — event store')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(
        new Error(
          `projector exited (${code}) before running:\n${output().slice(-2000)}`,
        ),
      );
    });
  });
  return { child, output, exited };
}

/** Builds apps/cli once per test file, to run an operator command as its own process beside a serving api. */
export function buildCli(): void {
  execFileSync('npx', ['nest', 'build', 'cli'], { cwd: ROOT, stdio: 'pipe' });
  if (!existsSync(CLI_MAIN))
    throw new Error(`nest build did not produce ${CLI_MAIN}`);
}

/** Runs the built cli with `args` and resolves with its exit code, its stdout (the JSON line) and everything else. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | string; out: string; err: string }> {
  const { child, output, exited } = spawnApp(CLI_MAIN, args, {
    LOG_LEVEL: 'error',
    ...env,
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await exited;
  return { code, out, err: output().replace(out, '') };
}

/**
 * The head of the embedded log in a running app's DATA_DIR, read without disturbing it (0 while
 * the file does not exist yet): how a test watches a child process catch up.
 */
export function embeddedLogHead(dataDir: string): number {
  const file = join(dataDir, 'events.sqlite');
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return Number(
        (
          db
            .prepare(
              'SELECT COALESCE(MAX(global_position), 0) AS head FROM events',
            )
            .get() as { head: number | bigint }
        ).head,
      );
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}
