import type { KafkaSecurity } from '@app/app-config';
import {
  HR_FEED_QUARANTINE_TOPIC,
  HR_FEED_TOPIC,
} from '@app/hr-feed-contracts';

/** How the HR feed consumer reaches Kafka (docs/decisions/0040). Brokers and group come from AppConfig. */
export interface HrFeedConsumerOptions {
  brokers: string[];
  groupId: string;
  clientId?: string;
  /** Defaults to HR_FEED_TOPIC; overridable so tests and staging can use their own topics. */
  topic?: string;
  /** Defaults to HR_FEED_QUARANTINE_TOPIC. */
  quarantineTopic?: string;
  /** Partitions of the topics when this consumer creates them (default 3). */
  numPartitions?: number;
  /** Replication factor when this consumer creates the topics (default min(3, brokers in the cluster)). */
  replicationFactor?: number;
  /** Group session timeout: how long a killed consumer holds its partitions (default 10 s). */
  sessionTimeoutMs?: number;
  /** Commit the offsets of ingested messages after this many messages, and always at the end of a batch (default 100). */
  commitEveryMessages?: number;
  /** Backoff of a message whose ingestion failed unexpectedly: initial and maximum delay (default 250 ms → 30 s). */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** The subject the consumer acts as: the actor of the events it appends (AUTH_HR_FEED_CONSUMER_SUBJECT, docs/decisions/0220). */
  actor?: string;
  /** TLS and SASL towards the brokers (AppConfig.hrFeed.kafkaSecurity); none: plaintext. */
  security?: KafkaSecurity;
  /** Called when kafkajs gives up on the consumer (a crash it will not restart from); the app exits. */
  onFatal?: (error: Error) => void;
}

export interface ResolvedHrFeedConsumerOptions
  extends
    Required<Omit<HrFeedConsumerOptions, 'replicationFactor' | 'onFatal'>>,
    Pick<HrFeedConsumerOptions, 'replicationFactor' | 'onFatal'> {}

/** The subject the consumer acts as unless configured otherwise. */
export const HR_FEED_CONSUMER_DEFAULT_ACTOR = 'hr-feed-consumer';

export const HR_FEED_CONSUMER_OPTIONS = Symbol(
  'injuries.HrFeedConsumerOptions',
);

/** max.message.bytes of both topics: above the broker's ~1 MB default so that an oversized record reaches the consumer and is quarantined. */
export const HR_FEED_TOPIC_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export function resolveHrFeedConsumerOptions(
  options: HrFeedConsumerOptions,
): ResolvedHrFeedConsumerOptions {
  return {
    brokers: options.brokers,
    groupId: options.groupId,
    clientId: options.clientId ?? 'hr-feed-consumer',
    actor: options.actor ?? HR_FEED_CONSUMER_DEFAULT_ACTOR,
    topic: options.topic ?? HR_FEED_TOPIC,
    quarantineTopic: options.quarantineTopic ?? HR_FEED_QUARANTINE_TOPIC,
    numPartitions: options.numPartitions ?? 3,
    replicationFactor: options.replicationFactor,
    sessionTimeoutMs: options.sessionTimeoutMs ?? 10_000,
    commitEveryMessages: options.commitEveryMessages ?? 100,
    retryInitialMs: options.retryInitialMs ?? 250,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    security: options.security ?? {},
    onFatal: options.onFatal,
  };
}
