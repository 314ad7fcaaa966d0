import { createServer } from 'node:net';
import { withCheckChar } from './read-model-rebuild.scenario.js';

/** Helpers of the fault tests in test/integration (docs/decisions/0194-fault-tests.md). */

/** A TCP port free right now on 127.0.0.1, for a private server (a throwaway cluster or broker). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A distinct valid USCC per serial: 91 + 湘乡 430381 + `prefix` + base-31 serial + check character. */
export function faultUscc(prefix: string, serial: number): string {
  let org = prefix;
  for (let n = serial, i = prefix.length; i < 9; i++, n = Math.floor(n / ALPHABET.length)) org += ALPHABET[n % ALPHABET.length];
  return withCheckChar(`91430381${org}`);
}
