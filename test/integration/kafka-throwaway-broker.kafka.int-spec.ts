import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BROKER_SCRIPT = resolve(
  import.meta.dirname,
  '..',
  '..',
  'infra/kafka/throwaway-broker.sh',
);

const clusterIdOf = (dir: string): string | undefined =>
  /^cluster\.id=(.*)$/m.exec(
    readFileSync(join(dir, 'data/meta.properties'), 'utf8'),
  )?.[1];

/**
 * The throwaway broker's storage format (infra/kafka/throwaway-broker.sh). A cluster id is 16 random
 * bytes in base64url, so one in 64 begins with '-'; kafka-storage read such an id as an option and the
 * broker-restart fault test failed before it began (docs/decisions/0201-kafka-broker-restart.md).
 */
describe('throwaway Kafka broker: storage format', () => {
  const dirs: string[] = [];
  const format = (...clusterId: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'safety-kafka-format-'));
    dirs.push(dir);
    // Ports are only written into server.properties; nothing listens during a format.
    execFileSync(
      'bash',
      [BROKER_SCRIPT, 'format', dir, '1', '2', ...clusterId],
      {
        stdio: 'pipe',
        timeout: 120_000,
      },
    );
    return dir;
  };

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('formats with a cluster id that begins with "-"', () => {
    const dir = format('-AiXgzwVKI2BlEY6uykNsw');
    expect(clusterIdOf(dir)).toBe('-AiXgzwVKI2BlEY6uykNsw');
  });

  it('makes up a 22-character base64url id that does not begin with "-"', () => {
    const id = clusterIdOf(format());
    expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
