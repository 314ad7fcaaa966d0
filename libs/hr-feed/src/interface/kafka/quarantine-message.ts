import {
  HR_FEED_MAX_MESSAGE_BYTES,
  type HrFeedViolation,
} from '@app/hr-feed-contracts';
import {
  sanitiseFeedRecord,
  sanitiseReasons,
} from '../../application/ingest-feed-record/sanitise-feed-record.js';
import { redactDigitRuns } from '@app/injuries';

/** Where a quarantined message came from on the feed topic. */
export interface QuarantineSource {
  topic: string;
  partition: number;
  offset: string;
}

/** A message for HR_FEED_QUARANTINE_TOPIC, ready for kafkajs `producer.send`. */
export interface QuarantineMessage {
  key: Buffer | null;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * Value format of a quarantine-topic message, in header `x-quarantine-format`:
 * - `json`: `{"reasons": [...], "record": <the record with worker.idNumber → workerRef>, "source": {...}}`
 * - `raw`: the original bytes, which are neither UTF-8 nor JSON; the reasons are in header `x-quarantine-reasons`.
 * Runs of 17+ digits (ID-number-like) are masked in both, and in the key and the reasons.
 */
export type QuarantineFormat = 'json' | 'raw';

/**
 * Builds what the consumer republishes for a record it quarantined (docs/decisions/0040). Nothing here
 * may carry a resident ID number: the parsed record gets the same treatment as the FeedRecordQuarantined
 * event (sanitiseFeedRecord: worker.idNumber replaced by its keyed pseudonym, digit runs redacted),
 * unparseable bytes are forwarded as they came except for masked digit runs, and an oversized value is
 * cut to its first 64 KiB instead of being parsed.
 */
export function buildQuarantineMessage(input: {
  raw: Buffer | null;
  key: Buffer | null;
  reasons: HrFeedViolation[];
  source: QuarantineSource;
  workerPseudonymSecret: string;
}): QuarantineMessage {
  const raw = input.raw ?? Buffer.alloc(0);
  const reasons = sanitiseReasons(input.reasons);
  const headers: Record<string, string> = {
    'x-source-topic': input.source.topic,
    'x-source-partition': String(input.source.partition),
    'x-source-offset': input.source.offset,
    'x-quarantine-reasons': JSON.stringify(reasons),
  };
  const key = input.key ? maskIdNumbersInBytes(input.key) : null;

  const json = (record: unknown): QuarantineMessage => ({
    key,
    value: Buffer.from(
      JSON.stringify({ reasons, record, source: input.source }),
      'utf8',
    ),
    headers: { ...headers, 'x-quarantine-format': 'json' },
  });

  if (raw.byteLength > HR_FEED_MAX_MESSAGE_BYTES) {
    const head = raw.subarray(0, HR_FEED_MAX_MESSAGE_BYTES).toString('utf8');
    return json({
      truncated: true,
      byteLength: raw.byteLength,
      raw: redactDigitRuns(head),
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return {
      key,
      value: maskIdNumbersInBytes(raw),
      headers: { ...headers, 'x-quarantine-format': 'raw' },
    };
  }
  // The same rule as the FeedRecordQuarantined event (docs/decisions/0030).
  return json(sanitiseFeedRecord({ value }, input.workerPseudonymSecret));
}

/**
 * Masks ASCII digit runs of 17+ (ID-number-like) and leaves every other byte as it was (latin1 maps bytes 1:1
 * to code units, so invalid UTF-8 survives the round trip untouched).
 */
export function maskIdNumbersInBytes(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  const masked = redactDigitRuns(text);
  return masked === text ? bytes : Buffer.from(masked, 'latin1');
}

/** Correlation id of everything one feed message causes: where it sits on the topic. */
export function kafkaCorrelationId(source: QuarantineSource): string {
  return `kafka:${source.topic}/${source.partition}/${source.offset}`;
}
