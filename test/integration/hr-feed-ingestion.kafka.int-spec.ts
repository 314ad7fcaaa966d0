// Acceptance test of the HR feed over Kafka (docs/decisions/0040), against the REAL broker of infra/kafka and
// the built apps/hr-feed-consumer running as a child process on SQLite in a temporary DATA_DIR.
//
// A deterministic weekly feed (test/support/hr-feed-fixtures.ts) — 5,000 declarations over 4 weeks, 5 %
// exact duplicates, 2 % corrections, 1 % withdrawals, 1 % invalid records, 3 poison messages and a manifest
// per week that lists claimIds which are never sent — is produced up front; the consumer is SIGKILLed in the
// middle, started again and run until the group's lag is 0. Then: exactly the expected events, every bad
// record quarantined (read model and quarantine topic) with its reasons, the withheld claimIds reported
// missing, and no raw ID number anywhere — not in the SQLite files, the quarantine topic or the logs.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type IHeaders,
  type Producer,
} from 'kafkajs';
import {
  canonicalJson,
  createEventStore,
  type StoredEvent,
} from '@app/event-store';
import { QUARANTINE_REPOSITORY, type QuarantineRepository } from '@app/hr-feed';
import { INJURIES_EVENT_CODEC, PersonalDataVault } from '@app/injuries';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@app/projections';
import { SystemClock } from '@app/shared-kernel';
import {
  buildHrFeedScenario,
  type HrFeedScenario,
} from '../support/hr-feed-fixtures.js';
import { embeddedLogHead, exitOf, onOutput } from '../support/api-process.js';
import { waitFor } from '../support/fault-kit.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { PgTestDatabase } from '../../libs/event-store/src/postgres/pg-test-database.js';

const PgClient = pg.Client;

const ROOT = process.cwd();
const BUILD_TSCONFIG = 'test/support/hr-feed-consumer.tsconfig.json';
const CONSUMER_MAIN = resolve(
  ROOT,
  'dist/test-hr-feed-consumer/apps/hr-feed-consumer/src/main.js',
);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const SECRET = 'hr-feed-it-secret-0123456789abcdef0123456789';
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
const PARTITIONS = 3;
/**
 * Both runs are compared event for event; the deadline scheduler's first scan (after a minute) would add
 * FollowUpVisitOverdue events to whichever run lasts longer on a loaded machine.
 */
const NO_DEADLINE_SCAN = { OVERDUE_SCAN_INTERVAL_MS: '86400000' };

const ID_LIKE = /\d{17}[\dX]/g;
/** Every raw ID number of `ids` found in `bytes` (as latin1 text: every byte maps to one char). */
function idNumbersIn(bytes: Buffer | string, ids: Set<string>): string[] {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
  const found = new Set<string>();
  for (const m of text.matchAll(ID_LIKE)) if (ids.has(m[0])) found.add(m[0]);
  // digit runs longer than 18 hide an ID at another alignment
  for (const m of text.matchAll(/\d{19,}X?/g)) {
    for (let i = 0; i + 18 <= m[0].length; i++)
      if (ids.has(m[0].slice(i, i + 18))) found.add(m[0].slice(i, i + 18));
  }
  return [...found];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

interface ConsumerProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('HR feed over Kafka: consumer crash, redelivery and the end state', () => {
  /** The event log the Kafka run ended with, compared with the HTTP run below. */
  let kafkaEvents: StoredEvent[] = [];
  /** The Kafka-ingested declaration events, personal data opened (each service seals with its own keys). */
  let kafkaInjuryEvents: string[] = [];
  const suffix = `${Date.now()}-${randomUUID().slice(0, 8)}`;
  const topic = `it-hr-feed-${suffix}`;
  const quarantineTopic = `it-hr-feed-quarantine-${suffix}`;
  const groupId = `it-hr-feed-consumer-${suffix}`;
  const kafka = new Kafka({
    clientId: `it-hr-feed-${suffix}`,
    brokers: BROKERS,
    logLevel: logLevel.WARN,
    retry: { retries: 5, initialRetryTime: 200 },
  });
  let admin: Admin;
  let dataDir: string;
  let scenario: HrFeedScenario;
  let output = '';
  const children: ChildProcess[] = [];

  const startConsumer = (): ConsumerProcess => {
    const child = spawn(process.execPath, [CONSUMER_MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NO_COLOR: '1',
        DATA_DIR: dataDir,
        HR_FEED_TRANSPORT: 'kafka',
        KAFKA_BROKERS: BROKERS.join(','),
        KAFKA_GROUP_ID: groupId,
        WORKER_REF_SECRET: SECRET,
        HR_FEED_TOPIC_NAME: topic,
        HR_FEED_QUARANTINE_TOPIC_NAME: quarantineTopic,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    onOutput(child, (text) => (output += text));
    return { child, exited: exitOf(child) };
  };

  const headPosition = (): number => embeddedLogHead(dataDir);

  /** Committed offsets of the group minus the partitions' high watermarks, summed. */
  const lag = async (): Promise<{
    lag: bigint;
    committed: bigint;
    total: bigint;
  }> => {
    const high = await admin.fetchTopicOffsets(topic);
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = new Map(
      (offsets?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
    );
    let lagSum = 0n;
    let committedSum = 0n;
    let total = 0n;
    for (const p of high) {
      const c = committed.get(p.partition) ?? -1n;
      const at = c < 0n ? BigInt(p.low) : c;
      lagSum += BigInt(p.high) - at;
      committedSum += at - BigInt(p.low);
      total += BigInt(p.high) - BigInt(p.low);
    }
    return { lag: lagSum, committed: committedSum, total };
  };

  beforeAll(async () => {
    const t0 = Date.now();
    execFileSync(
      process.execPath,
      [
        'node_modules/@nestjs/cli/bin/nest.js',
        'build',
        'hr-feed-consumer',
        '-p',
        BUILD_TSCONFIG,
      ],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
    const tBuild = Date.now();
    dataDir = mkdtempSync(join(tmpdir(), 'hr-feed-it-'));
    admin = kafka.admin();
    await admin.connect();
    const configEntries = [
      { name: 'max.message.bytes', value: String(MAX_MESSAGE_BYTES) },
    ];
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: PARTITIONS,
          replicationFactor: 1,
          configEntries,
        },
        {
          topic: quarantineTopic,
          numPartitions: PARTITIONS,
          replicationFactor: 1,
          configEntries,
        },
      ],
    });

    scenario = buildHrFeedScenario();
    const producer: Producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    const small = scenario.messages.filter(
      (m) => m.value.byteLength < 64 * 1024,
    );
    for (let i = 0; i < small.length; i += 500) {
      await producer.send({
        topic,
        acks: -1,
        messages: small
          .slice(i, i + 500)
          .map((m) => ({ key: m.key, value: m.value })),
      });
    }
    for (const m of scenario.messages.filter(
      (x) => x.value.byteLength >= 64 * 1024,
    )) {
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: m.key, value: m.value }],
      });
    }
    await producer.disconnect();
    console.log(
      `[hr-feed-it] build ${tBuild - t0} ms; produced ${scenario.messages.length} messages in ${Date.now() - tBuild} ms: ${JSON.stringify(scenario.counts)}`,
    );
  }, 180_000);

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null)
        child.kill('SIGKILL');
    if (admin) {
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin
        .deleteTopics({ topics: [topic, quarantineTopic] })
        .catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('survives a SIGKILL mid-stream and ends with exactly the expected events, quarantine and reconciliation, and no ID number anywhere', async () => {
    const s = scenario;
    const expectedMin =
      s.validClaimIds.length +
      s.correctedClaimIds.length +
      s.withdrawnClaimIds.length;

    // --- run 1: killed abruptly once part of the feed is in the store
    const tStart1 = Date.now();
    const first = startConsumer();
    const killAt = Math.floor(expectedMin * 0.35);
    const tFirstEvent = await waitFor(
      () => (headPosition() > 0 ? Date.now() : undefined),
      60_000,
      'the first event',
      20,
    );
    await waitFor(
      () => headPosition() >= killAt || undefined,
      90_000,
      `head position ${killAt}`,
      20,
    );
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    const headAtKill = headPosition();
    const tKill = Date.now();
    expect(killed.signal).toBe('SIGKILL');
    const afterKill = await lag();
    expect(afterKill.lag).toBeGreaterThan(0n); // some, not all, was consumed
    console.log(
      `[hr-feed-it] run 1: boot→first event ${tFirstEvent - tStart1} ms; killed at head ${headAtKill} after ${tKill - tFirstEvent} ms ` +
        `(${Math.round((headAtKill * 1000) / (tKill - tFirstEvent))} events/s); committed ${afterKill.committed}/${afterKill.total}`,
    );

    // --- run 2: resumes from the committed offsets (redelivering what was ingested but not committed) until lag 0
    const tStart2 = Date.now();
    const second = startConsumer();
    let tResumed = 0;
    await waitFor(
      async () => {
        const l = await lag();
        if (!tResumed && l.committed > afterKill.committed)
          tResumed = Date.now();
        return l.lag === 0n ? l : undefined;
      },
      150_000,
      'consumer-group lag 0',
      250,
    );
    const tDone = Date.now();
    second.child.kill('SIGTERM');
    const stopped = await second.exited;
    expect(stopped).toEqual({ code: 0, signal: null }); // graceful stop
    const remaining = Number(afterKill.total - afterKill.committed);
    console.log(
      `[hr-feed-it] run 2: boot+rejoin ${tResumed - tStart2} ms; ${remaining} messages (incl. redelivered) in ${tDone - tStart2} ms ≈ ` +
        `${Math.round((remaining * 1000) / Math.max(1, tDone - tResumed))} msgs/s after the first commit`,
    );

    // --- the event store: one Received per valid claimId, the corrections and withdrawals, no duplicate ids
    const store = await createEventStore(
      { kind: 'sqlite', filename: join(dataDir, 'events.sqlite') },
      new SystemClock(),
    );
    let events: StoredEvent[];
    try {
      events = await store.readAll();
      kafkaEvents = events;
      expect((await store.verifyChain()).ok).toBe(true);
    } finally {
      await store.close();
    }
    const ofType = (type: string): StoredEvent[] =>
      events.filter((e) => e.type === type);
    const claimOf = (e: StoredEvent): string =>
      e.streamName.replace(/^injury-/, '');
    const received = ofType('InjuryDeclarationReceived');
    expect(received).toHaveLength(s.validClaimIds.length);
    expect(new Set(received.map(claimOf))).toEqual(new Set(s.validClaimIds));
    expect(ofType('InjuryDeclarationCorrected').map(claimOf).sort()).toEqual(
      s.correctedClaimIds,
    );
    expect(ofType('InjuryDeclarationWithdrawn').map(claimOf).sort()).toEqual(
      s.withdrawnClaimIds,
    );
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    for (const e of received) {
      expect(e.metadata.actor).toBe('hr-feed-consumer');
      expect(e.metadata.correlationId).toMatch(
        new RegExp(`^kafka:${topic}/\\d+/\\d+$`),
      );
    }
    console.log(
      `[hr-feed-it] store: ${events.length} events (${JSON.stringify(countBy(events.map((e) => e.type)))})`,
    );

    // --- the quarantine topic: every invalid record and poison message, with reasons, sanitised
    const quarantined = await readTopic(
      kafka,
      quarantineTopic,
      s.invalidClaimIds.length + 3,
      `${groupId}-reader`,
    );
    const byKey = new Map<string, { value: Buffer; headers: IHeaders }>();
    for (const m of quarantined) byKey.set(m.key, m);
    expect(new Set(byKey.keys())).toEqual(
      new Set([
        ...s.invalidClaimIds,
        'poison-not-json',
        'poison-wrong-schema',
        'poison-large',
      ]),
    );
    for (const [key, m] of byKey) {
      const reasons = JSON.parse(String(m.headers['x-quarantine-reasons'])) as {
        path: string;
        message: string;
      }[];
      expect(reasons.length).toBeGreaterThan(0);
      if (key === 'poison-not-json') {
        expect(String(m.headers['x-quarantine-format'])).toBe('raw');
        continue;
      }
      const body = JSON.parse(m.value.toString('utf8')) as {
        reasons: unknown[];
        record: Record<string, any>;
      };
      expect(body.reasons).toEqual(reasons);
      if (s.invalidClaimIds.includes(key)) {
        expect(body.record.claimId).toBe(key);
        expect(body.record.worker.workerRef).toMatch(/^[0-9a-f]{64}$/);
        expect(body.record.worker.idNumber).toBeUndefined();
      }
    }
    expect(byKey.get('poison-large')!.value.byteLength).toBeLessThan(
      128 * 1024,
    );

    // --- read models (projected by an api on the same DATA_DIR) and the reconciliation of every week
    const app: TestApp = await createTestApp({
      DATA_DIR: dataDir,
      WORKER_REF_SECRET: SECRET,
      ...NO_DEADLINE_SCAN,
    });
    try {
      await settle(app);
      // With the projector running, the recurrence detector has now added its flags to the log.
      kafkaEvents = await app.store.readAll();
      kafkaInjuryEvents = await openedInjuryEvents(app, kafkaEvents);
      const quarantine = await app.app
        .get<QuarantineRepository>(QUARANTINE_REPOSITORY, { strict: false })
        .list({});
      expect(quarantine).toHaveLength(s.invalidClaimIds.length + 3);
      expect(
        new Set(
          quarantine
            .map((q) => q.claimId)
            .filter((c) => c && s.invalidClaimIds.includes(c)),
        ),
      ).toEqual(new Set(s.invalidClaimIds));
      for (const q of quarantine) {
        expect(q.source).toBe('kafka');
        expect(q.reasons.length).toBeGreaterThan(0);
      }

      for (const week of s.weeks) {
        const res = await app.api.get(
          `/api/v1/hr-feed/weeks/${week}/reconciliation`,
        );
        expect(res.status).toBe(200);
        expect([...missingOf(res.body)].sort()).toEqual(
          [...s.withheldByWeek[week]].sort(),
        );
      }
    } finally {
      await app.close();
    }

    // --- no raw ID number anywhere: SQLite files (incl. -wal/-shm), the quarantine topic, the logs
    const ids = new Set(s.idNumbers);
    expect(
      idNumbersIn(Buffer.concat(s.messages.map((m) => m.value)), ids).length,
    ).toBe(ids.size); // the probe works
    for (const file of filesUnder(dataDir)) {
      expect({ file, found: idNumbersIn(readFileSync(file), ids) }).toEqual({
        file,
        found: [],
      });
    }
    const topicBytes = Buffer.concat(
      quarantined.flatMap((m) => [
        Buffer.from(m.key),
        m.value,
        ...Object.values(m.headers).map((h) => Buffer.from(String(h))),
      ]),
    );
    expect(idNumbersIn(topicBytes, ids)).toEqual([]);
    expect(output.length).toBeGreaterThan(0);
    expect(idNumbersIn(output, ids)).toEqual([]);
    expect(output).not.toContain('作业时受伤'); // no record contents in the logs
  }, 300_000);

  it('gives the same injury-case events through POST /hr-feed/batches on PostgreSQL, with no ID number in its tables', async () => {
    expect(kafkaEvents.length).toBeGreaterThan(5_000);
    // The production layout without KurrentDB: events and read models in PostgreSQL.
    const database = new PgTestDatabase();
    await database.create();
    const app: TestApp = await createTestApp({
      ...NO_DEADLINE_SCAN,
      WORKER_REF_SECRET: SECRET,
      EVENT_STORE: 'postgres',
      READ_MODEL_DB: 'postgres',
      DATABASE_URL: database.url,
    });
    try {
      // Same order as produced; a batch holds consecutive records of one feed week (the HTTP contract).
      let batch: { feedWeek: string; records: unknown[] } | undefined;
      const flush = async () => {
        if (!batch || batch.records.length === 0) return;
        const res = await app.api.post('/api/v1/hr-feed/batches').send(batch);
        expect(res.status).toBe(200);
        batch = undefined;
      };
      for (const m of scenario.messages) {
        if (m.kind === 'poison') continue; // bytes that are not a JSON record cannot be a batch item
        const record = JSON.parse(m.value.toString('utf8')) as {
          feedWeek?: unknown;
        };
        const week =
          typeof record.feedWeek === 'string' &&
          /^\d{4}-W\d{2}$/.test(record.feedWeek)
            ? record.feedWeek
            : (batch?.feedWeek ?? scenario.weeks[0]);
        if (
          !batch ||
          batch.feedWeek !== week ||
          batch.records.length >= 2_000
        ) {
          await flush();
          batch = { feedWeek: week, records: [] };
        }
        batch.records.push(record);
      }
      await flush();
      await settle(app);

      // The declaration events are the same event for event (their ids derive from the content).
      const httpEvents = await app.store.readAll();
      const viaHttp = await openedInjuryEvents(app, httpEvents);
      const viaKafka = kafkaInjuryEvents;
      const typesOf = (rows: string[]) =>
        countBy(rows.map((r) => (JSON.parse(r) as { type: string }).type));
      expect(typesOf(viaHttp)).toEqual(typesOf(viaKafka));
      expect(viaHttp).toEqual(viaKafka);

      // Recurrence flags come from a process manager that reads the log in arrival order, so the
      // flag/retract sequence may differ; the flags in force must not.
      const activeFlags = (events: StoredEvent[]) => {
        const active = new Set<string>();
        for (const e of events) {
          if (
            e.type !== 'RecurrenceFlagged' &&
            e.type !== 'RecurrenceFlagRetracted'
          )
            continue;
          const event = INJURIES_EVENT_CODEC.decode(e);
          if (
            event.type !== 'RecurrenceFlagged' &&
            event.type !== 'RecurrenceFlagRetracted'
          )
            continue;
          for (const id of event.data.previousClaimIds) {
            if (event.type === 'RecurrenceFlagged')
              active.add(`${e.streamName}<${id}`);
            else active.delete(`${e.streamName}<${id}`);
          }
        }
        return [...active].sort();
      };
      const flagsViaKafka = activeFlags(kafkaEvents);
      expect(flagsViaKafka.length).toBeGreaterThan(100);
      expect(activeFlags(httpEvents)).toEqual(flagsViaKafka);
      console.log(
        `[hr-feed-it] HTTP parity: ${viaHttp.length} declaration events and ${flagsViaKafka.length} recurrence flags in force, identical`,
      );

      // Every row of every table of that database, as text: no raw ID number in events or read models.
      const pg = new PgClient({ connectionString: database.url });
      await pg.connect();
      try {
        const { rows: tables } = await pg.query<{
          schema: string;
          name: string;
        }>(
          `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
            WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`,
        );
        expect(tables.map((t) => t.name)).toEqual(
          expect.arrayContaining([
            'events',
            'injury_case_view',
            'hr_feed_quarantine',
          ]),
        );
        const ids = new Set(scenario.idNumbers);
        let rowsSearched = 0;
        for (const { schema, name } of tables) {
          const { rows } = await pg.query<{ row: string }>(
            `SELECT t::text AS row FROM "${schema}"."${name}" t`,
          );
          rowsSearched += rows.length;
          expect({
            table: `${schema}.${name}`,
            found: idNumbersIn(rows.map((r) => r.row).join('\n'), ids),
          }).toEqual({ table: `${schema}.${name}`, found: [] });
        }
        expect(rowsSearched).toBeGreaterThan(10_000);
      } finally {
        await pg.end();
      }
    } finally {
      await app.close();
      await database.drop();
    }
  }, 180_000);
});

/** Waits until the projections have reached the head and the head stopped moving (process managers append). */
async function settle(app: TestApp): Promise<void> {
  const progress = app.app.get<ProjectionProgress>(PROJECTION_PROGRESS, {
    strict: false,
  });
  for (;;) {
    const head = await app.store.headPosition();
    expect(await progress.waitFor(head, 60_000)).toBe(true);
    if ((await app.store.headPosition()) === head) return;
  }
}

function countBy(xs: string[]): Record<string, number> {
  return xs.reduce<Record<string, number>>(
    (acc, x) => ((acc[x] = (acc[x] ?? 0) + 1), acc),
    {},
  );
}

/** The claimIds a reconciliation answer reports missing, whatever the exact field name. */
function missingOf(body: Record<string, unknown>): string[] {
  for (const [k, v] of Object.entries(body))
    if (/missing/i.test(k) && Array.isArray(v)) return v as string[];
  throw new Error(
    `no missing claimIds in ${JSON.stringify(Object.keys(body))}`,
  );
}

/** Reads a topic from the beginning until `distinctKeys` keys were seen (redelivery may repeat some). */
async function readTopic(
  kafka: Kafka,
  topic: string,
  distinctKeys: number,
  groupId: string,
) {
  const out: Array<{ key: string; value: Buffer; headers: IHeaders }> = [];
  const consumer = kafka.consumer({
    groupId,
    maxBytesPerPartition: MAX_MESSAGE_BYTES,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      out.push({
        key: message.key?.toString('utf8') ?? '',
        value: message.value ?? Buffer.alloc(0),
        headers: message.headers ?? {},
      });
    },
  });
  try {
    await waitFor(
      () =>
        new Set(out.map((m) => m.key)).size >= distinctKeys ? true : undefined,
      60_000,
      `${distinctKeys} keys on ${topic}`,
    );
    await new Promise((r) => setTimeout(r, 500)); // let stragglers of the same fetch land
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/**
 * Injury-case events (not the recurrence flags) as comparable text, their personal data opened by the
 * service's vault: two services seal the same fields with different keys (docs/decisions/0230). Sorted,
 * not by position: Kafka interleaves partitions, so one case's events may sit at other positions.
 */
async function openedInjuryEvents(
  app: TestApp,
  events: StoredEvent[],
): Promise<string[]> {
  const injury = events.filter(
    (e) =>
      e.streamName.startsWith('injury-') && !e.type.startsWith('Recurrence'),
  );
  const opened = await app.app.get(PersonalDataVault).decodeAll(injury);
  return injury
    .map((e, i) =>
      canonicalJson({
        stream: e.streamName,
        eventId: e.eventId,
        type: e.type,
        data: opened[i].data,
      }),
    )
    .sort();
}
