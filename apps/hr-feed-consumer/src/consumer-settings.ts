import { ConfigError } from '@app/app-config';

/**
 * Settings only this process reads, validated at boot like AppConfig (to be folded into
 * AppConfig.hrFeed by the lead; documented in docs/decisions/0040):
 *   HR_FEED_TOPIC_NAME            feed topic (default hr.work-injury-declarations.v1)
 *   HR_FEED_QUARANTINE_TOPIC_NAME quarantine topic (default hr.work-injury-declarations.v1.quarantine)
 *   KAFKA_SESSION_TIMEOUT_MS      group session timeout, 6000–300000 (default 10000)
 */
export interface ConsumerSettings {
  topic?: string;
  quarantineTopic?: string;
  sessionTimeoutMs?: number;
}

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export function loadConsumerSettings(
  env: Record<string, string | undefined> = process.env,
): ConsumerSettings {
  const problems: string[] = [];
  const settings: ConsumerSettings = {};
  const topic = (name: string): string | undefined => {
    const value = env[name]?.trim();
    if (!value) return undefined;
    if (!TOPIC_NAME.test(value) || value === '.' || value === '..') {
      problems.push(
        `${name} must be a Kafka topic name ([A-Za-z0-9._-], at most 249 characters), got "${value}"`,
      );
    }
    return value;
  };
  const feed = topic('HR_FEED_TOPIC_NAME');
  const quarantine = topic('HR_FEED_QUARANTINE_TOPIC_NAME');
  if (feed) settings.topic = feed;
  if (quarantine) settings.quarantineTopic = quarantine;
  if (feed && quarantine && feed === quarantine)
    problems.push(
      'HR_FEED_QUARANTINE_TOPIC_NAME must differ from HR_FEED_TOPIC_NAME',
    );
  const session = env.KAFKA_SESSION_TIMEOUT_MS?.trim();
  if (session) {
    const value = Number(session);
    if (!Number.isInteger(value) || value < 6_000 || value > 300_000) {
      problems.push(
        `KAFKA_SESSION_TIMEOUT_MS must be an integer from 6000 to 300000, got "${session}"`,
      );
    } else {
      settings.sessionTimeoutMs = value;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}
