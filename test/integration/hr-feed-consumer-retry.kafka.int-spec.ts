// The HR feed consumer when ingestion fails for a reason that is not the message's fault (the event
// store is unreachable): the offset stays uncommitted, the partition is rewound and retried with
// backoff, and nothing is skipped or ingested twice. The failure is injected in front of the real
// event store of an embedded app — where the batch append (docs/decisions/0173) and the one-by-one
// ingestion both meet it; the broker is the real one of infra/kafka.
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { HrFeedConsumer, IngestFeedRecordService } from '@app/hr-feed';
import { INJURIES_OPTIONS, type InjuriesOptions } from '@app/injuries';
import { buildHrFeedScenario } from '../support/hr-feed-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);

describe('HR feed consumer: an unexpected ingestion failure is retried, never skipped', () => {
  const topic = `hr-feed-retry-${randomUUID().slice(0, 8)}`;
  const quarantineTopic = `${topic}.quarantine`;
  const groupId = `${topic}-group`;
  const kafka = new Kafka({
    clientId: 'retry-test',
    brokers: BROKERS,
    logLevel: logLevel.NOTHING,
  });
  let admin: Admin;
  let t: TestApp;
  let consumer: HrFeedConsumer | undefined;

  beforeAll(async () => {
    t = await createTestApp({
      WORKER_REF_SECRET: 'retry-test-secret-0123456789abcdef0123',
    });
    admin = kafka.admin();
    await admin.connect();
  }, 30_000);

  afterAll(async () => {
    await consumer?.stop();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin
      .deleteTopics({ topics: [topic, quarantineTopic] })
      .catch(() => undefined);
    await admin.disconnect();
    await t.close();
  }, 60_000);

  it('ingests every message exactly once, in order, after three failed attempts on the fifth', async () => {
    const scenario = buildHrFeedScenario({
      declarations: 20,
      weeks: ['2026-W10'],
      duplicateRate: 0,
      correctionRate: 0,
      withdrawalRate: 0,
      invalidRate: 0,
      withheldPerWeek: 0,
      claimPrefix: 'RT-',
    });
    const declarations = scenario.messages.filter(
      (m) => m.kind === 'declaration',
    );
    expect(declarations).toHaveLength(20);

    // Every append that holds the fifth declaration's case fails three times, whether the batch append
    // (appendToStreams) or one message at a time (appendToStream) makes it.
    const failing = `injury-${declarations[4].claimId}`;
    const attempts: string[] = [];
    let failuresLeft = 3;
    const store = t.store;
    const unreachable = (streams: string[]) => {
      if (!streams.includes(failing)) return;
      attempts.push(failing);
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('event store unreachable');
      }
    };
    const appendToStream = store.appendToStream.bind(store);
    const appendToStreams = store.appendToStreams.bind(store);
    jest
      .spyOn(store, 'appendToStream')
      .mockImplementation(async (streamName, events, options) => {
        unreachable([streamName]);
        return appendToStream(streamName, events, options);
      });
    jest.spyOn(store, 'appendToStreams').mockImplementation(async (appends) => {
      unreachable(appends.map((a) => a.streamName));
      return appendToStreams(appends);
    });

    consumer = new HrFeedConsumer(
      {
        brokers: BROKERS,
        groupId,
        topic,
        quarantineTopic,
        numPartitions: 1,
        replicationFactor: 1,
        retryInitialMs: 50,
        retryMaxMs: 200,
        sessionTimeoutMs: 6_000,
      },
      t.app.get(IngestFeedRecordService, { strict: false }),
      t.app.get<InjuriesOptions>(INJURIES_OPTIONS, { strict: false }),
    );
    await consumer.start();

    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: declarations.map((m) => ({ key: m.key, value: m.value })),
    });
    await producer.disconnect();

    const deadline = Date.now() + 60_000;
    let committed = -1;
    while (Date.now() < deadline) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      committed = Number(offsets?.partitions[0]?.offset ?? -1);
      if (committed === 20) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(committed).toBe(20);
    expect(failuresLeft).toBe(0);

    // The failed case was tried until the store took it: three refusals, then once stored.
    expect(attempts).toEqual([failing, failing, failing, failing]);
    const received = (
      await t.store.readAll({ types: ['InjuryDeclarationReceived'] })
    ).map((e) => e.streamName.replace(/^injury-/, ''));
    // Every declaration stored once, in the partition's order: none skipped, none twice.
    expect(received).toEqual(declarations.map((m) => m.claimId));
  }, 90_000);
});
