import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Producer,
} from 'kafkajs';
import { createEventStore, type StoredEvent } from '@app/event-store';
import { SystemClock } from '@app/shared-kernel';
import { embeddedLogHead, exitOf, onOutput } from '../support/api-process.js';
import { freePort, sleep, waitFor } from '../support/fault-kit.js';
import { buildHrFeedScenario } from '../support/hr-feed-fixtures.js';
import { HR_FEED_TOPIC_MAX_MESSAGE_BYTES } from '../../libs/hr-feed/src/interface/kafka/hr-feed-consumer.options.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BROKER_SCRIPT = join(ROOT, 'infra/kafka/throwaway-broker.sh');
const CONSUMER_MAIN = join(
  ROOT,
  'dist/test-hr-feed-consumer/apps/hr-feed-consumer/src/main.js',
);
const SECRET = 'kafka-broker-restart-secret-0123456789abcdef';
const TOPIC = 'hr.work-injury-declarations.v1';
const QUARANTINE_TOPIC = 'hr.work-injury-declarations.v1.quarantine';
const GROUP = 'hr-feed-consumer';
const CHUNK = 50;

/**
 * The Kafka broker stopped (controlled shutdown) and restarted while the HR system is still producing a
 * 5,000-declaration feed and the consumer is ingesting it (docs/decisions/0201-kafka-broker-restart.md).
 * The broker is a throwaway one on random ports with its own data directory (infra/kafka/
 * throwaway-broker.sh), never the shared one. The consumer must carry on by itself: every declaration the
 * broker acknowledged ends up in the store exactly once, nothing is stored twice even where the producer
 * re-sent a chunk whose acknowledgement was lost, and the group's lag returns to 0.
 */
describe('Kafka broker stopped and restarted in the middle of a 5,000-declaration feed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safety-kafka-restart-'));
  const brokerDir = join(dir, 'broker');
  const dataDir = join(dir, 'data');
  let brokers = '';
  let port = 0;
  let controllerPort = 0;
  let kafka: Kafka;
  let admin: Admin;
  let consumer: ChildProcess | undefined;
  let output = '';
  const broker = (...args: string[]) =>
    execFileSync('bash', [BROKER_SCRIPT, ...args], {
      stdio: 'pipe',
      timeout: 180_000,
    });

  beforeAll(async () => {
    execFileSync(
      process.execPath,
      [
        'node_modules/@nestjs/cli/bin/nest.js',
        'build',
        'hr-feed-consumer',
        '-p',
        'test/support/hr-feed-consumer.tsconfig.json',
      ],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
    [port, controllerPort] = [await freePort(), await freePort()];
    brokers = `127.0.0.1:${port}`;
    broker('start', brokerDir, String(port), String(controllerPort));
    kafka = new Kafka({
      clientId: 'kafka-restart-test',
      brokers: [brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 2, initialRetryTime: 200 },
    });
    admin = kafka.admin();
    await admin.connect();
    const configEntries = [
      {
        name: 'max.message.bytes',
        value: String(HR_FEED_TOPIC_MAX_MESSAGE_BYTES),
      },
    ];
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: TOPIC, numPartitions: 3, replicationFactor: 1, configEntries },
        {
          topic: QUARANTINE_TOPIC,
          numPartitions: 3,
          replicationFactor: 1,
          configEntries,
        },
      ],
    });
  }, 300_000);

  afterAll(async () => {
    if (consumer && consumer.exitCode === null && consumer.signalCode === null)
      consumer.kill('SIGKILL');
    await admin?.disconnect().catch(() => undefined);
    broker('destroy', brokerDir);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  const head = (): number => embeddedLogHead(dataDir);

  /** The group's committed offsets against the partitions' high watermarks. */
  const lag = async (): Promise<{ lag: number; inTopic: number }> => {
    const high = await admin.fetchTopicOffsets(TOPIC);
    const [offsets] = await admin.fetchOffsets({
      groupId: GROUP,
      topics: [TOPIC],
    });
    const committed = new Map(
      (offsets?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
    );
    let total = 0;
    let inTopic = 0;
    for (const p of high) {
      const at = committed.get(p.partition) ?? -1;
      total += Number(p.high) - (at < 0 ? Number(p.low) : at);
      inTopic += Number(p.high) - Number(p.low);
    }
    return { lag: total, inTopic };
  };

  it('resumes by itself: every acknowledged declaration stored once, none twice, lag back to 0', async () => {
    const scenario = buildHrFeedScenario();
    const expectedMin =
      scenario.validClaimIds.length +
      scenario.correctedClaimIds.length +
      scenario.withdrawnClaimIds.length;

    consumer = spawn(process.execPath, [CONSUMER_MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NO_COLOR: '1',
        LOG_FORMAT: 'json',
        DATA_DIR: dataDir,
        HR_FEED_TRANSPORT: 'kafka',
        KAFKA_BROKERS: brokers,
        KAFKA_GROUP_ID: GROUP,
        WORKER_REF_SECRET: SECRET,
        KAFKA_SESSION_TIMEOUT_MS: '10000',
        LOG_LEVEL: 'log',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onOutput(consumer, (text) => (output += text));
    const exited = exitOf(consumer);
    let consumerExit:
      { code: number | null; signal: NodeJS.Signals | null } | undefined;
    void exited.then((e) => (consumerExit = e));

    // The HR system: chunks in production order, acks from all replicas; a chunk that fails (the broker
    // is down) is sent again until acknowledged, as a real producer would — possibly twice in the topic.
    let acknowledged = 0;
    let attempts = 0;
    let failedSends = 0;
    let producing = true;
    const producer: Producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: { retries: 1, initialRetryTime: 200 },
    });
    await producer.connect();
    const chunks: (typeof scenario.messages)[] = [];
    for (let i = 0; i < scenario.messages.length;) {
      if (scenario.messages[i].value.byteLength >= 64 * 1024)
        chunks.push([scenario.messages[i++]]);
      else {
        const chunk: typeof scenario.messages = [];
        while (
          i < scenario.messages.length &&
          chunk.length < CHUNK &&
          scenario.messages[i].value.byteLength < 64 * 1024
        )
          chunk.push(scenario.messages[i++]);
        chunks.push(chunk);
      }
    }
    const produce = (async () => {
      for (const chunk of chunks) {
        for (;;) {
          attempts += chunk.length;
          try {
            await producer.send({
              topic: TOPIC,
              acks: -1,
              timeout: 5_000,
              messages: chunk.map((m) => ({ key: m.key, value: m.value })),
            });
            acknowledged += chunk.length;
            break;
          } catch {
            failedSends++;
            await sleep(500);
          }
        }
        await sleep(250); // a feed arriving over a while, not in one burst
      }
      producing = false;
    })();

    // Stop the broker in the middle of the feed: a third of it produced and the consumer ingesting.
    const stopAt = Math.floor(scenario.messages.length / 3);
    await waitFor(
      () => (acknowledged >= stopAt && head() > 0 ? true : undefined),
      180_000,
      `${stopAt} messages acknowledged and the first stored`,
      100,
      { ignoreProbeErrors: true },
    );
    const ackedAtStop = acknowledged;
    const headAtStop = head();
    const t0 = Date.now();
    broker('stop', brokerDir);
    await sleep(8_000); // the broker stays down; the consumer and the producer keep trying
    const headDuringOutage = head();
    broker('start', brokerDir, String(port), String(controllerPort));
    const outageMs = Date.now() - t0;
    expect(producing).toBe(true); // the outage really was in the middle of the feed…
    expect(headAtStop).toBeLessThan(expectedMin); // …and of its ingestion

    await produce;
    await producer.disconnect();
    const tLag = Date.now();
    const drained = await waitFor(
      async () => {
        if (consumerExit)
          throw new Error(
            `consumer exited ${JSON.stringify(consumerExit)}:\n${output.slice(-3000)}`,
          );
        const l = await lag();
        return l.lag === 0 ? l : undefined;
      },
      240_000,
      'consumer-group lag 0',
      500,
      { ignoreProbeErrors: true },
    ).catch((error: Error) => {
      if (consumerExit)
        throw new Error(
          `consumer exited ${JSON.stringify(consumerExit)}:\n${output.slice(-3000)}`,
        );
      throw error;
    });
    const catchUpMs = Date.now() - tLag;
    expect(consumerExit).toBeUndefined(); // it never gave up
    consumer.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });

    const store = await createEventStore(
      { kind: 'sqlite', filename: join(dataDir, 'events.sqlite') },
      new SystemClock(),
    );
    let events: StoredEvent[];
    try {
      events = await store.readAll();
      expect((await store.verifyChain()).ok).toBe(true);
    } finally {
      await store.close();
    }
    const claimOf = (e: StoredEvent) => e.streamName.replace(/^injury-/, '');
    const received = events.filter(
      (e) => e.type === 'InjuryDeclarationReceived',
    );
    const perClaim = new Map<string, number>();
    for (const e of received)
      perClaim.set(claimOf(e), (perClaim.get(claimOf(e)) ?? 0) + 1);
    const lost = scenario.validClaimIds.filter((c) => !perClaim.has(c));
    const doubled =
      [...perClaim.values()].filter((n) => n > 1).length +
      (events.length - new Set(events.map((e) => e.eventId)).size);
    const lines = output.split('\n').filter((l) => l.trim() !== '');
    const warnings = lines.filter((l) => /"level":"(warn|error)"/.test(l));
    const stacks = lines.filter((l) => /\\n\s+at |^\s+at /.test(l));
    console.log(
      `Kafka broker restart: sent ${attempts} (${scenario.messages.length} messages, ${failedSends} sends failed and repeated), ` +
        `acknowledged ${acknowledged}, in topic ${drained.inTopic}, stored ${perClaim.size} declarations of ${scenario.validClaimIds.length} ` +
        `(${events.length} events), lost ${lost.length}, doubled ${doubled}; broker down ${outageMs} ms at head ${headAtStop} ` +
        `(${ackedAtStop} acknowledged; head ${headDuringOutage} during the outage); lag 0 ${catchUpMs} ms after the last send; ` +
        `consumer log: ${lines.length} lines, ${warnings.length} warnings/errors, ${stacks.length} stack traces`,
    );
    expect(warnings.length).toBeGreaterThan(0); // the consumer did notice the outage
    expect(stacks).toEqual([]);
    expect(acknowledged).toBe(scenario.messages.length);
    expect(drained.inTopic).toBeGreaterThanOrEqual(acknowledged);
    expect(lost).toEqual([]);
    expect(doubled).toBe(0);
    expect(new Set(perClaim.keys())).toEqual(new Set(scenario.validClaimIds));
    expect(
      events
        .filter((e) => e.type === 'InjuryDeclarationCorrected')
        .map(claimOf)
        .sort(),
    ).toEqual(scenario.correctedClaimIds);
    expect(
      events
        .filter((e) => e.type === 'InjuryDeclarationWithdrawn')
        .map(claimOf)
        .sort(),
    ).toEqual(scenario.withdrawnClaimIds);
  }, 600_000);
});
