import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { freePort } from './fault-kit.js';

const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
const close = (server: Server) =>
  new Promise<void>((resolve) => server.close(() => resolve()));

describe('freePort: a port for a server a fault test stops and starts again', () => {
  const [ephemeralLow] = readFileSync(
    '/proc/sys/net/ipv4/ip_local_port_range',
    'utf8',
  )
    .trim()
    .split(/\s+/)
    .map(Number);

  it('lies below the kernel ephemeral range, so no retrying client is given it as its own port', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, freePort));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(ephemeralLow);
    }
  });

  it('is free: a server can listen on it', async () => {
    const server = await listen(await freePort());
    await close(server);
  });
});
