import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USCC_ALPHABET, withUsccCheckChar } from '@app/reference-data';
import { enterpriseRegistration } from '@app/enterprises/testing';

/** Helpers of the fault tests in test/integration (docs/decisions/0194-fault-tests.md). */

/**
 * A TCP port free right now on 127.0.0.1 for a private server (a throwaway cluster or broker), picked
 * below the kernel's ephemeral range. A test stops such a server and starts it again on the same port
 * while clients keep retrying; a port from the ephemeral range could meanwhile be handed to one of
 * those clients as its own local port, so that it connects to itself (TCP self-connect) or holds the
 * port the server must bind again.
 */
export async function freePort(): Promise<number> {
  const lowest = 10_000;
  const ephemeralLow = ephemeralPortsStart();
  for (
    let attempt = 0;
    attempt < 100 && ephemeralLow > lowest + 1_000;
    attempt++
  ) {
    const port = lowest + Math.floor(Math.random() * (ephemeralLow - lowest));
    if (await canListen(port)) return port;
  }
  return listenOnce(0);
}

/** The first port of the kernel's ephemeral range (Linux); the usual default elsewhere. */
function ephemeralPortsStart(): number {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
        .trim()
        .split(/\s+/)[0],
    );
    if (Number.isInteger(low)) return low;
  } catch {
    // not Linux
  }
  return 32_768;
}

async function canListen(port: number): Promise<boolean> {
  return listenOnce(port).then(
    () => true,
    () => false,
  );
}

/** Listens on `port` (0: any) of 127.0.0.1, closes again, and answers the port it had. */
function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}

export const sleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` every `everyMs` until it answers something other than undefined or false, or fails
 * naming `what` after `timeoutMs`. With `ignoreProbeErrors` a probe that throws (a broker or server
 * that is down on purpose) counts as not yet.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  what: string,
  everyMs = 200,
  { ignoreProbeErrors = false }: { ignoreProbeErrors?: boolean } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = Promise.resolve(probe());
    const value = await (ignoreProbeErrors
      ? answer.catch(() => undefined)
      : answer);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * A distinct valid USCC per serial: 91 + 湘乡 430381 + `prefix` + base-31 serial + check character. The
 * prefix must use the USCC alphabet (no I, O, S, V, Z).
 */
export function faultUscc(prefix: string, serial: number): string {
  let org = prefix;
  for (
    let n = serial, i = prefix.length;
    i < 9;
    i++, n = Math.floor(n / USCC_ALPHABET.length)
  )
    org += USCC_ALPHABET[n % USCC_ALPHABET.length];
  return withUsccCheckChar(`91430381${org}`);
}

/**
 * One enterprise registration as the fault tests' clients send it to a running api: with the
 * Idempotency-Key `register-<uscc>` unless `idempotent` is false, so a retry cannot register twice.
 */
export function postRegistration(
  apiUrl: string,
  token: string,
  registration: { uscc: string; zoneId: string },
  { idempotent = true }: { idempotent?: boolean } = {},
): Promise<Response> {
  return fetch(`${apiUrl}/api/v1/enterprises`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(idempotent
        ? { 'idempotency-key': `register-${registration.uscc}` }
        : {}),
    },
    body: JSON.stringify(enterpriseRegistration(registration)),
  });
}

/** Nothing lost, nothing counted twice: acknowledged codes missing from the log, and codes stored more than once. */
export function lostAndDoubled(
  acknowledged: Iterable<string>,
  stored: Map<string, number>,
): { lost: string[]; doubled: number } {
  return {
    lost: [...acknowledged].filter((code) => !stored.has(code)),
    doubled: [...stored.values()].filter((n) => n > 1).length,
  };
}

/** The api's output lines that report a store outage, and those that are stack frames. */
export function outageAndStackLines(output: string): {
  outageLines: string[];
  stackLines: string[];
} {
  const lines = output.split('\n');
  return {
    outageLines: lines.filter((line) => /unreachable/.test(line)),
    stackLines: lines.filter((line) => /\\n\s+at |^\s+at /.test(line)),
  };
}

const CLUSTER_SCRIPT = join(
  import.meta.dirname,
  '../../infra/postgres/throwaway-cluster.sh',
);

/**
 * A private PostgreSQL cluster (infra/postgres/throwaway-cluster.sh) in a temporary directory, on a
 * free port, for a test that stops and starts the server; the shared one is never touched.
 */
export class ThrowawayCluster {
  /** The test's temporary directory: the cluster lives in `cluster/`, the test may use the rest. */
  readonly dir: string;
  port = 0;

  constructor(name: string) {
    this.dir = mkdtempSync(join(tmpdir(), `safety-${name}-`));
    chmodSync(this.dir, 0o755); // the postgres OS user must reach the cluster directory
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async init(): Promise<void> {
    this.port = await freePort();
    this.run('init', String(this.port));
  }

  stop(): void {
    this.run('stop');
  }

  start(): void {
    this.run('start', String(this.port));
  }

  destroy(): void {
    this.run('destroy');
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(command: string, ...args: string[]): void {
    execFileSync(
      'bash',
      [CLUSTER_SCRIPT, command, join(this.dir, 'cluster'), ...args],
      { stdio: 'pipe' },
    );
  }
}
