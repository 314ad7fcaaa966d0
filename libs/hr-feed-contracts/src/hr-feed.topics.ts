/** Kafka topic carrying the HR bureau's weekly work-injury feed (key = claimId, or manifest-<feedWeek>). */
export const HR_FEED_TOPIC = 'hr.work-injury-declarations.v1';

/** Where the consumer republishes records it could not accept, with the reasons in a header. */
export const HR_FEED_QUARANTINE_TOPIC =
  'hr.work-injury-declarations.v1.quarantine';

/** Largest accepted message, in bytes of UTF-8 (the schema's description: "at most 64 KiB"). */
export const HR_FEED_MAX_MESSAGE_BYTES = 64 * 1024;

/** Kafka message key of a week's manifest. */
export const manifestKey = (feedWeek: string): string => `manifest-${feedWeek}`;
