import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type KafkaMessage,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import type { CommandMetadata } from '@app/shared-kernel';
import {
  IngestFeedRecordService,
  type FeedRecordInput,
  type IngestOutcome,
} from '../../application/ingest-feed-record/ingest-feed-record.service.js';
import {
  INJURIES_OPTIONS,
  type InjuriesOptions,
  redactDigitRuns,
} from '@app/injuries';
import {
  HR_FEED_CONSUMER_DEFAULT_ACTOR,
  HR_FEED_CONSUMER_OPTIONS,
  HR_FEED_TOPIC_MAX_MESSAGE_BYTES,
  resolveHrFeedConsumerOptions,
  type HrFeedConsumerOptions,
  type ResolvedHrFeedConsumerOptions,
} from './hr-feed-consumer.options.js';
import {
  buildQuarantineMessage,
  kafkaCorrelationId,
  type QuarantineSource,
} from './quarantine-message.js';

/** The default subject of the consumer; AUTH_HR_FEED_CONSUMER_SUBJECT names another. */
export const HR_FEED_CONSUMER_ACTOR = HR_FEED_CONSUMER_DEFAULT_ACTOR;

/** Crashes kafkajs does not restart from, in a row without progress, before the consumer gives up. */
const MAX_RESTARTS = 8;

/** The outcome counts of one batch, for the log line (never record contents). */
type Tally = Partial<Record<IngestOutcome['outcome'], number>>;

/**
 * Consumes the HR weekly feed topic (docs/decisions/0040):
 * - messages of a partition are ingested strictly in order, one at a time, by IngestFeedRecordService,
 *   after the batch was prepared once (each message validated once, its workers' keys made in one write);
 * - an offset is committed only after `ingest` resolved (the events are in the store) and, for a
 *   quarantined record, after its sanitised copy is on the quarantine topic; commits are batched
 *   (every `commitEveryMessages` and at the end of each batch) — a redelivery after a crash is
 *   harmless because feed event ids are deterministic (docs/decisions/0012);
 * - an unexpected failure (store down, broker unreachable) leaves the offset uncommitted, pauses the
 *   partition, seeks back to the failed message and resumes after an exponential backoff: nothing
 *   is ever skipped, other partitions keep flowing;
 * - poison (not JSON, wrong schema, too large) is an ordinary quarantined outcome, never an error;
 * - logs carry topic/partition/offset, claimIds and reason paths only, never record contents.
 */
@Injectable()
export class HrFeedConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('HrFeedConsumer');
  private readonly options: ResolvedHrFeedConsumerOptions;
  private readonly kafka: Kafka;
  private admin?: Admin;
  private producer?: Producer;
  private consumer?: Consumer;
  private readonly failures = new Map<string, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private stopping = false;
  /** Times kafkajs gave up on the consumer since a message was last ingested (see restartAfterCrash). */
  private crashesWithoutProgress = 0;

  constructor(
    @Inject(HR_FEED_CONSUMER_OPTIONS) options: HrFeedConsumerOptions,
    private readonly ingestService: IngestFeedRecordService,
    @Inject(INJURIES_OPTIONS) private readonly injuriesOptions: InjuriesOptions,
  ) {
    this.options = resolveHrFeedConsumerOptions(options);
    this.kafka = new Kafka({
      clientId: this.options.clientId,
      brokers: this.options.brokers,
      ...this.options.security,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.logKafka(entry),
      retry: { initialRetryTime: 300, retries: 8 },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    const { topic, quarantineTopic, groupId } = this.options;
    this.admin = this.kafka.admin();
    await this.admin.connect();
    await this.ensureTopics();

    this.producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await this.producer.connect();
    await this.runConsumer();
    this.logger.log(
      `consuming ${topic} as group ${groupId}; quarantine topic ${quarantineTopic}`,
    );
  }

  /** A new kafkajs consumer of the feed topic, running; offsets are the group's committed ones. */
  private async runConsumer(): Promise<void> {
    const { topic, groupId } = this.options;
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: Math.max(
        500,
        Math.floor(this.options.sessionTimeoutMs / 5),
      ),
      allowAutoTopicCreation: false,
      maxBytesPerPartition: HR_FEED_TOPIC_MAX_MESSAGE_BYTES,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      const error = payload.error;
      this.logger.error(
        `consumer crashed (${error.name}: ${redactDigitRuns(error.message).slice(0, 200)}); restart: ${payload.restart}`,
      );
      if (!payload.restart && !this.stopping && consumer === this.consumer)
        this.restartAfterCrash(error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /**
   * kafkajs gives up for good on some errors of a broker that is going away — "Failed to find group
   * coordinator" while it shuts down is non-retriable to it — although the broker is back seconds later
   * (docs/decisions/0201-kafka-broker-restart.md). So a crash it will not restart from starts a new
   * consumer after a backoff (1 s doubling to 30 s); only after MAX_RESTARTS crashes with no message
   * ingested in between is it fatal (the app exits 1 and its supervisor takes over). Offsets are the
   * committed ones, so nothing is skipped; redelivery is harmless (ids are deterministic).
   */
  private restartAfterCrash(error: Error): void {
    const attempt = ++this.crashesWithoutProgress;
    if (attempt > MAX_RESTARTS) {
      this.options.onFatal?.(error);
      return;
    }
    const delay = Math.min(30_000, 1_000 * 2 ** (attempt - 1));
    this.logger.warn(
      `starting the consumer again in ${delay} ms (attempt ${attempt} of ${MAX_RESTARTS} without progress)`,
    );
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      if (this.stopping) return;
      const old = this.consumer;
      void (async () => {
        await old?.disconnect().catch(() => undefined);
        if (this.stopping) return;
        await this.runConsumer();
      })().catch((e: Error) => {
        this.logger.error(
          `consumer did not start again (${e.name}: ${redactDigitRuns(e.message).slice(0, 200)})`,
        );
        if (!this.stopping) this.restartAfterCrash(e);
      });
    }, delay);
    this.resumeTimers.add(timer);
  }

  /** Stops fetching, lets the message in flight finish and commit, then disconnects. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.consumer
      ?.disconnect()
      .catch((e: Error) => this.logger.warn(`consumer disconnect: ${e.name}`));
    await this.producer
      ?.disconnect()
      .catch((e: Error) => this.logger.warn(`producer disconnect: ${e.name}`));
    await this.admin
      ?.disconnect()
      .catch((e: Error) => this.logger.warn(`admin disconnect: ${e.name}`));
    this.logger.log('stopped');
  }

  /**
   * Both topics, created up front (kafkajs on KRaft cannot subscribe to a missing topic), with a
   * max.message.bytes above the broker default so that an oversized record is delivered and
   * quarantined rather than refused to the producer. Existing topics are left as they are.
   */
  private async ensureTopics(): Promise<void> {
    const admin = this.admin!;
    const replicationFactor =
      this.options.replicationFactor ??
      Math.min(3, (await admin.describeCluster()).brokers.length);
    const existing = new Set(await admin.listTopics());
    const topics = [this.options.topic, this.options.quarantineTopic]
      .filter((t) => !existing.has(t))
      .map((t) => ({
        topic: t,
        numPartitions: this.options.numPartitions,
        replicationFactor,
        configEntries: [
          {
            name: 'max.message.bytes',
            value: String(HR_FEED_TOPIC_MAX_MESSAGE_BYTES),
          },
        ],
      }));
    if (topics.length === 0) return;
    try {
      await admin.createTopics({ waitForLeaders: true, topics });
      this.logger.log(
        `created topics ${topics.map((t) => t.topic).join(', ')}`,
      );
    } catch (error) {
      // Another instance created them meanwhile: fine. Anything else is fatal at boot.
      if (!isTopicAlreadyExists(error)) throw error;
    }
  }

  /* eslint-disable @typescript-eslint/unbound-method -- kafkajs hands these over as closures and destructures them in its own docs */
  private async eachBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    pause,
    commitOffsetsIfNecessary,
  }: EachBatchPayload): Promise<void> {
    /* eslint-enable @typescript-eslint/unbound-method */
    const { topic, partition } = batch;
    const key = `${topic}/${partition}`;
    let uncommitted: string | undefined; // next offset to commit
    let sinceCommit = 0;
    const tally: Tally = {};
    // The payload's commitOffsetsIfNecessary(offsets) commits even while the consumer is stopping
    // (consumer.commitOffsets would not), so the message finished during shutdown is committed too.
    const commit = async (): Promise<void> => {
      if (uncommitted === undefined) return;
      await commitOffsetsIfNecessary({
        topics: [{ topic, partitions: [{ partition, offset: uncommitted }] }],
      });
      uncommitted = undefined;
      sinceCommit = 0;
    };

    // Each message validated once and the keys of all its workers made in one write, up front
    // (docs/decisions/0171); the messages are still ingested and resolved one at a time, in order.
    let prepared: Awaited<ReturnType<IngestFeedRecordService['prepareBatch']>>;
    try {
      prepared = await this.ingestService.prepareBatch(
        batch.messages.map((m) => ({
          raw: m.value ?? Buffer.alloc(0),
          source: 'kafka',
        })),
      );
    } catch (error) {
      if (batch.messages.length > 0)
        this.backOff(
          { topic, partition, offset: batch.messages[0].offset },
          pause,
          error,
        );
      return;
    }
    let next = 0; // the next message to settle, in order
    /**
     * Message `next`: ingested (unless the batch append stored it: `ingested`), its quarantined copy
     * published, its offset resolved and committed in the cadence. False when it failed (backing off).
     */
    const step = async (ingested?: IngestOutcome): Promise<boolean> => {
      const message = batch.messages[next];
      const source: QuarantineSource = {
        topic,
        partition,
        offset: message.offset,
      };
      let outcome: IngestOutcome;
      try {
        outcome = await this.handle(
          source,
          message,
          prepared.inputs[next],
          ingested,
        );
      } catch (error) {
        await commit();
        this.backOff(source, pause, error);
        return false;
      }
      this.failures.delete(key);
      this.crashesWithoutProgress = 0;
      tally[outcome.outcome] = (tally[outcome.outcome] ?? 0) + 1;
      resolveOffset(message.offset);
      uncommitted = (BigInt(message.offset) + 1n).toString();
      next++;
      if (++sinceCommit >= this.options.commitEveryMessages) await commit();
      await heartbeat();
      return true;
    };
    try {
      // The batch's declarations appended together, one commit per run of them (docs/decisions/0173).
      // Each run's offsets are committed before the next run is appended, so a case's next declaration
      // is appended only once its earlier one is committed; what the batch append did not store
      // (another writer touched a case, the store failed…) goes one message at a time below, as before.
      let failed = false;
      let batched: IngestOutcome[] = [];
      if (isRunning() && !isStale()) {
        const result = await this.ingestService.ingestBatch(
          batch.messages.map((m, index) => ({
            input: prepared.inputs[index],
            meta: this.metaFor({ topic, partition, offset: m.offset }),
          })),
          async (outcomes) => {
            while (next < outcomes.length) {
              if (!isRunning() || isStale()) return false;
              if (!(await step(outcomes[next]))) {
                failed = true;
                return false;
              }
            }
            await commit();
            return true;
          },
        );
        if (failed) return;
        batched = result.outcomes;
        if (result.stoppedBy !== undefined) {
          const err = result.stoppedBy as Error;
          this.logger.warn(
            `${key} offsets ${batch.firstOffset()}..${batch.lastOffset()}: ${batched.length} of ${batch.messages.length} ingested as one batch, the rest one at a time (${err?.name ?? 'Error'}: ${redactDigitRuns(String(err?.message ?? err)).slice(0, 200)})`,
          );
        }
      }
      while (next < batch.messages.length) {
        if (!isRunning() || isStale()) break;
        if (!(await step(batched[next]))) return;
      }
    } finally {
      prepared.release();
    }
    await commit();
    const counts = Object.entries(tally)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    if (counts)
      this.logger.log(
        `${key} offsets ${batch.firstOffset()}..${batch.lastOffset()}: ${counts}`,
      );
  }

  /**
   * One message → ingest (unless the batch append already did: `ingested`) → (quarantined) sanitised
   * copy on the quarantine topic. Throws only on unexpected errors.
   */
  private async handle(
    source: QuarantineSource,
    message: KafkaMessage,
    input: FeedRecordInput,
    ingested?: IngestOutcome,
  ): Promise<IngestOutcome> {
    const outcome =
      ingested ??
      (await this.ingestService.ingest(input, this.metaFor(source)));
    const at = `${source.topic}/${source.partition}@${source.offset}`;
    if (outcome.outcome === 'quarantined') {
      const quarantined = buildQuarantineMessage({
        raw: message.value,
        key: message.key,
        reasons: outcome.reasons ?? [],
        source,
        workerPseudonymSecret: this.injuriesOptions.workerPseudonymSecret,
      });
      await this.producer!.send({
        topic: this.options.quarantineTopic,
        acks: -1,
        messages: [quarantined],
      });
      const paths = [
        ...new Set((outcome.reasons ?? []).map((r) => r.path || '(message)')),
      ].join(' ');
      this.logger.warn(
        `${at} quarantined${outcome.claimId ? ` claim ${safeClaimId(outcome.claimId)}` : ''}: ${redactDigitRuns(paths).slice(0, 300)}`,
      );
    } else {
      this.logger.debug(
        `${at} ${outcome.outcome}${outcome.claimId ? ` claim ${safeClaimId(outcome.claimId)}` : ''}`,
      );
    }
    return outcome;
  }

  private metaFor(source: QuarantineSource): CommandMetadata {
    return {
      actor: this.options.actor,
      correlationId: kafkaCorrelationId(source),
      causationId: null,
    };
  }

  /** Leave the offset uncommitted, rewind to the failed message and try it again later. */
  private backOff(
    source: QuarantineSource,
    pause: () => () => void,
    error: unknown,
  ): void {
    const key = `${source.topic}/${source.partition}`;
    const attempt = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, attempt);
    const delay = Math.min(
      this.options.retryMaxMs,
      this.options.retryInitialMs * 2 ** Math.min(attempt - 1, 20),
    );
    const err = error as Error;
    this.logger.error(
      `${key}@${source.offset} not ingested (attempt ${attempt}: ${err?.name ?? 'Error'}: ${redactDigitRuns(String(err?.message ?? error)).slice(0, 200)}); retrying in ${delay} ms`,
    );
    const resume = pause();
    this.consumer!.seek({
      topic: source.topic,
      partition: source.partition,
      offset: source.offset,
    });
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      if (!this.stopping) resume();
    }, delay);
    this.resumeTimers.add(timer);
  }

  private logKafka(entry: LogEntry): void {
    // kafkajs log entries name brokers, groups and partitions; they never contain message values.
    const text = `${entry.namespace}: ${entry.log.message}`;
    if (entry.level === logLevel.ERROR) this.logger.error(text);
    else if (entry.level === logLevel.WARN) this.logger.warn(text);
    else this.logger.debug(text);
  }
}

function safeClaimId(claimId: string): string {
  return redactDigitRuns(claimId).slice(0, 64);
}

function isTopicAlreadyExists(error: unknown): boolean {
  const e = error as
    { type?: string; errors?: Array<{ type?: string }> } | undefined;
  if (e?.type === 'TOPIC_ALREADY_EXISTS') return true;
  return (
    Array.isArray(e?.errors) &&
    e.errors.length > 0 &&
    e.errors.every((x) => x?.type === 'TOPIC_ALREADY_EXISTS')
  );
}
