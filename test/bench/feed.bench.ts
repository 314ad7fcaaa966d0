import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { HrFeedConsumer, IngestFeedRecordService } from '@app/hr-feed';
import { INJURIES_OPTIONS, type InjuriesOptions } from '@app/injuries';
import { buildHrFeedScenario } from '../support/hr-feed-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  median,
  note,
  printFigures,
  size,
  type Figure,
} from './support/bench-kit.js';

// The HR feed end to end (issue 15, scope 4 and 5): declarations until they are visible in the weekly
// summary (GET /reports/weekly-injuries, reconciliation.received) — over HTTP batches, and over Kafka
// through HrFeedConsumer (validate → append, offsets committed after the append) with the api's projector
// running — beside a bare kafkajs consume loop (JSON.parse each message, commit per batch) on a topic of
// the same size. Every topic is filled before its consumer starts (a weekly burst that arrived while the
// consumer was down); the clock starts when the consumer starts. The lag curve is sampled every
// SAMPLE_MS: when 10/50/90/100 % of the declarations were committed on Kafka (appended) and visible in
// the summary. Embedded default store (SQLite), consumer in the api's process. Asserts only that
// everything arrived.
const DECLARATIONS = size('FEED_DECLARATIONS', 5_000);
const HTTP_BATCH = size('FEED_HTTP_BATCH', 1_000);
const PARTITIONS = size('FEED_PARTITIONS', 3);
const RUNS = size('FEED_RUNS', 1);
const SAMPLE_MS = 200;
const DEADLINE_MS = size('FEED_DEADLINE_MS', 900_000);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const QUANTILES = [0.1, 0.5, 0.9, 1] as const;

interface Curve {
  /** Seconds from the start until that share of the declarations was committed (Kafka) / visible. */
  committed: Map<number, number>;
  visible: Map<number, number>;
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function declarations(week: string, prefix: string) {
  const scenario = buildHrFeedScenario({
    declarations: DECLARATIONS,
    weeks: [week],
    claimPrefix: prefix,
    duplicateRate: 0,
    correctionRate: 0,
    withdrawalRate: 0,
    invalidRate: 0,
    withheldPerWeek: 0,
  });
  return scenario.messages.filter((m) => m.kind === 'declaration');
}

/** Distinct claimIds of `week` the weekly summary shows (what an officer sees). */
async function visible(t: TestApp, week: string): Promise<number> {
  const res = await t.api
    .get(`/api/v1/reports/weekly-injuries?week=${week}`)
    .expect(200);
  return (res.body as { reconciliation: { received: number } }).reconciliation
    .received;
}

/** Samples `probe` until it reports `total`; records when each quantile was first reached. */
async function follow(
  total: number,
  started: number,
  probe: () => Promise<{ visible: number; committed?: number }>,
): Promise<Curve> {
  const curve: Curve = { committed: new Map(), visible: new Map(), seconds: 0 };
  const deadline = started + DEADLINE_MS;
  for (;;) {
    const { visible: seen, committed } = await probe();
    const at = (performance.now() - started) / 1000;
    for (const q of QUANTILES) {
      if (!curve.visible.has(q) && seen >= q * total) curve.visible.set(q, at);
      if (
        committed !== undefined &&
        !curve.committed.has(q) &&
        committed >= q * total
      )
        curve.committed.set(q, at);
    }
    // Done when every declaration is visible and, on Kafka, every offset committed: a batch's
    // declarations may be visible before its last offsets are committed.
    if (seen >= total && (committed === undefined || committed >= total)) {
      curve.seconds = at;
      return curve;
    }
    if (performance.now() > deadline)
      throw new Error(
        `only ${seen} of ${total} declarations visible after ${DEADLINE_MS} ms`,
      );
    await sleep(SAMPLE_MS);
  }
}

async function committedOffsets(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets?.partitions ?? []).reduce(
    (sum, p) => sum + Math.max(0, Number(p.offset)),
    0,
  );
}

describe('HR feed end to end', () => {
  it('prints declarations/s over HTTP and Kafka until visible in the weekly summary, the lag curve, and a bare kafkajs consume loop', async () => {
    const suffix = `${Date.now()}-${randomUUID().slice(0, 8)}`;
    const kafka = new Kafka({
      clientId: `bench-feed-${suffix}`,
      brokers: BROKERS,
      logLevel: logLevel.ERROR,
      retry: { retries: 5, initialRetryTime: 200 },
    });
    const admin = kafka.admin();
    await admin.connect();
    const topics: string[] = [];
    const groups: string[] = [];
    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    const fill = async (
      messages: { key: string; value: Buffer }[],
    ): Promise<string> => {
      const topic = `bench-hr-feed-${suffix}-${topics.length}`;
      topics.push(topic);
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
      });
      for (let i = 0; i < messages.length; i += 1_000) {
        await producer.send({
          topic,
          acks: -1,
          messages: messages
            .slice(i, i + 1_000)
            .map((m) => ({ key: m.key, value: m.value })),
        });
      }
      return topic;
    };

    const raw: number[] = [];
    const kafkaCurves: Curve[] = [];
    const httpCurves: Curve[] = [];
    const t = await createTestApp();
    try {
      for (let run = 0; run < RUNS; run++) {
        // Bare loop: what any consumer of this topic pays — fetch, parse, commit per batch.
        const rawTopic = await fill(
          declarations(`2026-W${20 + run}`, `RAW${run}-`),
        );
        const rawGroup = `bench-raw-${suffix}-${run}`;
        groups.push(rawGroup);
        const bare = kafka.consumer({
          groupId: rawGroup,
          allowAutoTopicCreation: false,
        });
        await bare.connect();
        await bare.subscribe({ topics: [rawTopic], fromBeginning: true });
        let consumed = 0;
        let done!: () => void;
        const all = new Promise<void>((r) => (done = r));
        let started = performance.now();
        await bare.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          /* eslint-disable @typescript-eslint/unbound-method -- kafkajs hands these over as closures */
          eachBatch: async ({
            batch,
            resolveOffset,
            commitOffsetsIfNecessary,
            heartbeat,
          }) => {
            /* eslint-enable @typescript-eslint/unbound-method */
            let parsed = 0;
            for (const message of batch.messages) {
              if (
                (
                  JSON.parse(message.value!.toString('utf8')) as {
                    claimId?: string;
                  }
                ).claimId
              )
                parsed++;
              resolveOffset(message.offset);
            }
            await commitOffsetsIfNecessary({
              topics: [
                {
                  topic: batch.topic,
                  partitions: [
                    {
                      partition: batch.partition,
                      offset: (BigInt(batch.lastOffset()) + 1n).toString(),
                    },
                  ],
                },
              ],
            });
            await heartbeat();
            consumed += parsed;
            if (consumed >= DECLARATIONS) done();
          },
        });
        await all;
        raw.push(DECLARATIONS / ((performance.now() - started) / 1000));
        await bare.disconnect();

        // Ours over Kafka: the consumer of apps/hr-feed-consumer, in this process, with the api's projector.
        const week = `2026-W${30 + run}`;
        const topic = await fill(declarations(week, `KAFKA${run}-`));
        const groupId = `bench-ours-${suffix}-${run}`;
        groups.push(groupId);
        const consumer = new HrFeedConsumer(
          {
            brokers: BROKERS,
            groupId,
            topic,
            quarantineTopic: `${topic}-quarantine`,
            numPartitions: PARTITIONS,
            replicationFactor: 1,
          },
          t.app.get(IngestFeedRecordService),
          t.app.get<InjuriesOptions>(INJURIES_OPTIONS),
        );
        topics.push(`${topic}-quarantine`);
        started = performance.now();
        await consumer.start();
        try {
          kafkaCurves.push(
            await follow(DECLARATIONS, started, async () => ({
              visible: await visible(t, week),
              committed: await committedOffsets(admin, groupId, topic),
            })),
          );
        } finally {
          await consumer.stop();
        }

        // Ours over HTTP: POST /hr-feed/batches of HTTP_BATCH records, one batch at a time.
        const httpWeek = `2026-W${40 + run}`;
        const records = declarations(httpWeek, `HTTP${run}-`).map(
          (m) => JSON.parse(m.value.toString('utf8')) as unknown,
        );
        started = performance.now();
        for (let i = 0; i < records.length; i += HTTP_BATCH) {
          await t.api
            .post('/api/v1/hr-feed/batches')
            .send({
              feedWeek: httpWeek,
              records: records.slice(i, i + HTTP_BATCH),
            })
            .expect(200);
        }
        const posted = (performance.now() - started) / 1000;
        const curve = await follow(DECLARATIONS, started, async () => ({
          visible: await visible(t, httpWeek),
        }));
        curve.committed.set(1, posted);
        httpCurves.push(curve);
      }
    } finally {
      await producer.disconnect().catch(() => undefined);
      await t.close();
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.disconnect();
    }

    const params = {
      declarations: DECLARATIONS,
      partitions: PARTITIONS,
      httpBatch: HTTP_BATCH,
      runs: RUNS,
      store: 'sqlite',
    };
    const perSecond = (curves: Curve[]) =>
      median(curves.map((c) => DECLARATIONS / (c.visible.get(1) ?? NaN)));
    const at = (curves: Curve[], kind: 'committed' | 'visible', q: number) =>
      median(curves.map((c) => c[kind].get(q) ?? Number.NaN));
    const rawRate = median(raw);
    const figures: Figure[] = [
      {
        bench: 'feed',
        backend: 'kafka',
        impl: 'raw',
        workload: 'bare kafkajs consume loop (parse, commit per batch)',
        value: rawRate,
        unit: 'messages/s',
        params,
      },
      {
        bench: 'feed',
        backend: 'kafka',
        impl: 'ours',
        workload: 'declarations until visible in the weekly summary',
        value: perSecond(kafkaCurves),
        unit: 'declarations/s',
        params,
        ratios: {
          raw: Number((perSecond(kafkaCurves) / rawRate).toPrecision(2)),
        },
      },
      {
        bench: 'feed',
        backend: 'kafka',
        impl: 'ours',
        workload: 'declarations appended and committed',
        value: DECLARATIONS / at(kafkaCurves, 'committed', 1),
        unit: 'declarations/s',
        params,
      },
      ...QUANTILES.flatMap((q) => [
        {
          bench: 'feed',
          backend: 'kafka',
          impl: 'ours',
          workload: `lag: ${q * 100} % committed after`,
          value: at(kafkaCurves, 'committed', q),
          unit: 's',
          params: { ...params, share: q },
        },
        {
          bench: 'feed',
          backend: 'kafka',
          impl: 'ours',
          workload: `lag: ${q * 100} % visible after`,
          value: at(kafkaCurves, 'visible', q),
          unit: 's',
          params: { ...params, share: q },
        },
      ]),
      {
        bench: 'feed',
        backend: 'http',
        impl: 'ours',
        workload: `declarations until visible, batches of ${HTTP_BATCH}`,
        value: perSecond(httpCurves),
        unit: 'declarations/s',
        params,
      },
      {
        bench: 'feed',
        backend: 'http',
        impl: 'ours',
        workload: `declarations answered, batches of ${HTTP_BATCH}`,
        value: DECLARATIONS / at(httpCurves, 'committed', 1),
        unit: 'declarations/s',
        params,
      },
      ...QUANTILES.map((q) => ({
        bench: 'feed',
        backend: 'http',
        impl: 'ours',
        workload: `lag: ${q * 100} % visible after`,
        value: at(httpCurves, 'visible', q),
        unit: 's',
        params: { ...params, share: q },
      })),
    ];
    note(
      'Kafka clocks start when the consumer starts on a topic already holding every declaration; HTTP clocks at the first POST',
    );
    printFigures(
      'HR feed end to end, embedded api (SQLite, projector running)',
      figures,
    );
  }, 3_600_000);
});
