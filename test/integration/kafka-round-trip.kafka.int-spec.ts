// Integration tier "kafka": a real broker (infra/kafka, started by infra/with-services.sh) is reachable at
// KAFKA_BROKERS (default 127.0.0.1:9092). Proves the kafkajs round trip the HR feed consumer relies on:
// topic created up front, keyed messages produced, a consumer group receives every one of them in key order,
// commits, and after disconnecting the group's committed offsets equal the partitions' high watermarks.
import { randomUUID } from 'node:crypto';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type Producer,
} from 'kafkajs';

const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter((b) => b.length > 0);
const MESSAGE_COUNT = 50;
const KEY_COUNT = 7;
const PARTITIONS = 3;

function waitFor(
  predicate: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (predicate()) return resolve();
      if (Date.now() > deadline)
        return reject(
          new Error(`timed out after ${timeoutMs} ms waiting for ${what}`),
        );
      setTimeout(tick, 50);
    };
    tick();
  });
}

describe('Kafka round trip (kafkajs against the real broker)', () => {
  const suffix = `${Date.now()}-${randomUUID().slice(0, 8)}`;
  const topic = `it-round-trip-${suffix}`;
  const groupId = `it-round-trip-group-${suffix}`;
  const kafka = new Kafka({
    clientId: `it-round-trip-${suffix}`,
    brokers: BROKERS,
    logLevel: logLevel.WARN,
    connectionTimeout: 5000,
    retry: { retries: 5, initialRetryTime: 200 },
  });
  let admin: Admin;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    // Topics are created up front: kafkajs on KRaft fails to subscribe to a topic that does not exist yet.
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
    });
    expect(created).toBe(true);
  }, 30_000);

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    if (admin) {
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  }, 30_000);

  it(`delivers ${MESSAGE_COUNT} keyed messages to a consumer group and commits offsets up to the high watermarks`, async () => {
    // --- produce
    producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    const sent = Array.from({ length: MESSAGE_COUNT }, (_, seq) => ({
      key: `employee-${seq % KEY_COUNT}`,
      value: JSON.stringify({ seq, payload: `record ${seq}` }),
      headers: { 'x-seq': String(seq) },
    }));
    const metadata = await producer.send({ topic, acks: -1, messages: sent });
    expect(metadata.every((m) => m.errorCode === 0)).toBe(true);
    await producer.disconnect();
    producer = undefined;

    // --- consume and commit (at-least-once: commit offset+1 after handling each message)
    const received: Array<{
      partition: number;
      offset: string;
      key: string;
      seq: number;
      header: string;
    }> = [];
    consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const running = consumer;
    await running.run({
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message }) => {
        const value = JSON.parse(message.value?.toString('utf8') ?? 'null') as {
          seq: number;
        };
        received.push({
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? '',
          seq: value.seq,
          header: message.headers?.['x-seq']?.toString() ?? '',
        });
        await running.commitOffsets([
          {
            topic: t,
            partition,
            offset: (BigInt(message.offset) + 1n).toString(),
          },
        ]);
      },
    });
    await waitFor(
      () => received.length >= MESSAGE_COUNT,
      30_000,
      `${MESSAGE_COUNT} messages`,
    );
    await consumer.disconnect();
    consumer = undefined;

    // every message exactly once, payload and headers intact
    expect(received).toHaveLength(MESSAGE_COUNT);
    expect(received.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      sent.map((_, seq) => seq),
    );
    for (const r of received) {
      expect(r.key).toBe(`employee-${r.seq % KEY_COUNT}`);
      expect(r.header).toBe(String(r.seq));
    }
    // same key -> same partition, delivered in production order
    for (let k = 0; k < KEY_COUNT; k++) {
      const ofKey = received.filter((r) => r.key === `employee-${k}`);
      expect(new Set(ofKey.map((r) => r.partition)).size).toBe(1);
      const seqs = ofKey.map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }

    // --- committed offsets of the group == high watermarks of every partition
    const watermarks = await admin.fetchTopicOffsets(topic);
    expect(watermarks).toHaveLength(PARTITIONS);
    const total = watermarks.reduce(
      (sum, p) => sum + BigInt(p.high) - BigInt(p.low),
      0n,
    );
    expect(total).toBe(BigInt(MESSAGE_COUNT));

    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed?.topic).toBe(topic);
    const committedByPartition = new Map(
      committed.partitions.map((p) => [p.partition, p.offset]),
    );
    for (const p of watermarks) {
      const offset = committedByPartition.get(p.partition);
      if (p.high === '0') {
        // nothing was ever written there: no commit (-1) is the correct answer
        expect(['-1', '0']).toContain(offset);
      } else {
        expect(offset).toBe(p.high);
      }
    }
  }, 60_000);
});
