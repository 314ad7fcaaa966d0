import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';
import { DataSource } from 'typeorm';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { HR_FEED_TOPIC } from '@app/hr-feed-contracts';
import { IngestFeedRecordService, QuarantineEntity } from '@app/hr-feed';
import { InjuryCaseViewEntity } from '@app/injuries';
import {
  PROJECTION_PROGRESS,
  ProjectionCheckpointEntity,
  type ProjectionProgress,
} from '@app/projections';

/** A scrape never waits longer than this on a store; a slow store shows as a missing sample, not a hung scrape. */
const COLLECT_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new Error('metrics collection timed out')),
        COLLECT_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

/**
 * Every series the api exposes at GET /metrics (docs/decisions/0192-metrics.md). Counters are this
 * process's; gauges are read at scrape time from the shared stores, so they are true whichever
 * process (api, projector, hr-feed-consumer) did the work.
 */
@Injectable()
export class ServiceMetrics implements OnModuleInit, OnModuleDestroy {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private kafkaAdmin?: Admin;
  private kafkaConnected = false;

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'commands_total',
    help: "HTTP commands by handler and outcome (accepted, rejected: the caller's fault, failed: ours)",
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'event_store_appends_total',
    help: 'Appends of this process by outcome (each append of an appendToStreams call counts)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly appendedEvents = new Counter({
    name: 'event_store_appended_events_total',
    help: 'Events this process stored (idempotent repeats not counted)',
    registers: [this.registry],
  });

  private readonly collectErrors = new Counter({
    name: 'metrics_collect_errors_total',
    help: 'Scrape-time reads that failed (the series is left out of that scrape)',
    labelNames: ['metric'] as const,
    registers: [this.registry],
  });

  readonly feedRecords = new Counter({
    name: 'hr_feed_records_total',
    help: 'HR feed records this process ingested, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    private readonly readModels: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const { store: log, readModels: db, progress: projections } = this;
    const checkpoints = () =>
      withTimeout(db.getRepository(ProjectionCheckpointEntity).find());

    this.gauge(
      'event_store_head_position',
      'Global position of the last stored event',
      [],
      async (g) => {
        g.set(Number(await withTimeout(log.headPosition())));
      },
    );
    this.gauge(
      'projection_position',
      'Last global position each projector and process manager has applied (its checkpoint); "all" is the lowest',
      ['projector'],
      async (g) => {
        for (const row of await checkpoints())
          g.set({ projector: row.projector }, Number(row.position));
        g.set({ projector: 'all' }, Number(projections.position()));
      },
    );
    this.gauge(
      'projection_lag_events',
      "Events between the head of the log and each projector's checkpoint",
      ['projector'],
      async (g) => {
        const head = await withTimeout(log.headPosition());
        for (const row of await checkpoints()) {
          const lag = head - BigInt(row.position);
          g.set({ projector: row.projector }, Number(lag > 0n ? lag : 0n));
        }
      },
    );
    this.gauge(
      'hr_feed_quarantined_records',
      'Feed records held in quarantine (read model)',
      [],
      async (g) => {
        g.set(await withTimeout(db.getRepository(QuarantineEntity).count()));
      },
    );
    this.gauge(
      'injury_cases_follow_up_overdue',
      'Injury cases whose follow-up is overdue (read model)',
      [],
      async (g) => {
        g.set(
          await withTimeout(
            db
              .getRepository(InjuryCaseViewEntity)
              .count({ where: { followUpOverdue: true } }),
          ),
        );
      },
    );
    if (this.config.hrFeed.transport === 'kafka') {
      const groupId = this.config.hrFeed.kafkaGroupId;
      const topic = process.env.HR_FEED_TOPIC_NAME?.trim() || HR_FEED_TOPIC;
      this.gauge(
        'hr_feed_kafka_consumer_lag',
        'Messages of the feed topic the consumer group has not committed, by partition',
        ['topic', 'partition'],
        async (g) => {
          const client = await this.admin();
          const [ends, committed] = await withTimeout(
            Promise.all([
              client.fetchTopicOffsets(topic),
              client.fetchOffsets({ groupId, topics: [topic] }),
            ]),
          );
          const done = new Map(
            (committed[0]?.partitions ?? []).map((p) => [
              p.partition,
              BigInt(p.offset),
            ]),
          );
          for (const end of ends) {
            const high = BigInt(end.high);
            const at = done.get(end.partition) ?? -1n;
            // -1: nothing committed yet, so everything from the low watermark is lag.
            const lag = at < 0n ? high - BigInt(end.low) : high - at;
            g.set(
              { topic, partition: String(end.partition) },
              Number(lag > 0n ? lag : 0n),
            );
          }
        },
      );
    }
  }

  /** A gauge read at scrape time; a failed read leaves the series out and counts the failure, the scrape still answers. */
  private gauge(
    name: string,
    help: string,
    labelNames: string[],
    read: (gauge: Gauge<string>) => Promise<void>,
  ): void {
    const errors = this.collectErrors;
    const logger = this.logger;
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          await read(this);
        } catch (error) {
          this.reset();
          errors.inc({ metric: name });
          logger.debug(
            `${name} not collected: ${(error as Error)?.message ?? String(error)}`,
          );
        }
      },
    });
  }

  /** Counts appends and feed outcomes where they happen, without touching the libraries' code. */
  onModuleInit(): void {
    // One count per append: an appendToStream call, or each append of an appendToStreams call (the
    // feed's batch, docs/decisions/0173), which stores all of them or none.
    const counted = async <T>(
      appends: number,
      call: () => Promise<T>,
      appended: (result: T) => number[],
    ): Promise<T> => {
      try {
        const result = await call();
        for (const count of appended(result)) {
          this.appends.inc({ outcome: count > 0 ? 'stored' : 'idempotent' });
          this.appendedEvents.inc(count);
        }
        return result;
      } catch (error) {
        this.appends.inc(
          {
            outcome:
              (error as Error)?.name === 'WrongExpectedVersionError'
                ? 'conflict'
                : 'error',
          },
          appends,
        );
        throw error;
      }
    };
    const append = this.store.appendToStream.bind(this.store);
    this.store.appendToStream = (...args) =>
      counted(
        1,
        () => append(...args),
        (result) => [result.appendedCount],
      );
    const appendMany = this.store.appendToStreams.bind(this.store);
    this.store.appendToStreams = (appends) =>
      counted(
        appends.length,
        () => appendMany(appends),
        (results) => results.map((r) => r.appendedCount),
      );
    const ingestion = this.moduleRef.get(IngestFeedRecordService, {
      strict: false,
    });
    const ingest = ingestion.ingest.bind(ingestion);
    ingestion.ingest = async (...args) => {
      const result = await ingest(...args);
      this.feedRecords.inc({ outcome: result.outcome });
      return result;
    };
    // A batch's records it stored; the rest go through ingest above (never both).
    const ingestBatch = ingestion.ingestBatch.bind(ingestion);
    ingestion.ingestBatch = async (...args) => {
      const result = await ingestBatch(...args);
      for (const outcome of result.outcomes)
        this.feedRecords.inc({ outcome: outcome.outcome });
      return result;
    };
  }

  async onModuleDestroy(): Promise<void> {
    if (this.kafkaConnected)
      await this.kafkaAdmin?.disconnect().catch(() => undefined);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return {
      contentType: this.registry.contentType,
      body: await this.registry.metrics(),
    };
  }

  private async admin(): Promise<Admin> {
    if (!this.kafkaAdmin) {
      this.kafkaAdmin = new Kafka({
        clientId: 'api-metrics',
        brokers: this.config.hrFeed.kafkaBrokers,
        ...this.config.hrFeed.kafkaSecurity,
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
      }).admin();
    }
    if (!this.kafkaConnected) {
      await withTimeout(this.kafkaAdmin.connect());
      this.kafkaConnected = true;
      this.logger.debug('connected to Kafka for consumer lag');
    }
    return this.kafkaAdmin;
  }
}
