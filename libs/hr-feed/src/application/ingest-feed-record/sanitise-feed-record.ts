import { createHash } from 'node:crypto';
import { scrubUnstorableText } from '@app/event-store';
import { pseudonymiseWorkerId, redactDigitRuns } from '@app/injuries';

/** How much of unparseable input is kept (redacted) beside its SHA-256 and length. */
const MAX_KEPT_TEXT = 64 * 1024;
/** A JSON number with this many digits could be (most of) an ID number. */
const LONG_NUMBER = 15;

/**
 * The record as it may be kept in quarantine (docs/decisions/0030): worker.idNumber (whatever its
 * type) becomes worker.workerRef when it is a string and is dropped otherwise; every string, and
 * every object key, has runs of 17+ digits redacted; integers of 15+ digits are redacted. Input
 * that is not JSON is kept as {unparseable: {sha256, byteLength, text}} with the text redacted.
 * Text the event store refuses (U+0000, lone surrogates) becomes U+FFFD, so the copy can be stored.
 */
export function sanitiseFeedRecord(
  input: { raw?: string | Uint8Array; value?: unknown },
  secret: string,
): unknown {
  let value: unknown = input.value;
  if (input.raw !== undefined) {
    const bytes =
      typeof input.raw === 'string'
        ? Buffer.from(input.raw, 'utf8')
        : Buffer.from(input.raw);
    const text = bytes.toString('utf8');
    try {
      value = JSON.parse(text);
    } catch {
      return {
        unparseable: {
          sha256: createHash('sha256').update(bytes).digest('hex'),
          byteLength: bytes.byteLength,
          text: scrubUnstorableText(
            redactDigitRuns(text.slice(0, MAX_KEPT_TEXT)),
          ),
        },
      };
    }
  }
  // The pseudonym is put in after the redaction: it is hex, and one in about a hundred holds a run of 17
  // digits that the redaction would cut — and a cut workerRef no longer finds the record when that
  // worker is erased (docs/decisions/0231).
  const { record, workerRef } = withoutIdNumber(value ?? null, secret);
  const cleaned = clean(record);
  return workerRef === undefined
    ? cleaned
    : withWorkerRef(cleaned as Record<string, unknown>, workerRef);
}

/** Redacts the reasons' messages too: a JSON parser's message may quote the input. */
export function sanitiseReasons<R extends { path: string; message: string }>(
  reasons: R[],
): R[] {
  return reasons.map((r) => ({
    ...r,
    path: scrubUnstorableText(redactDigitRuns(r.path)),
    message: scrubUnstorableText(redactDigitRuns(r.message)),
  }));
}

function withoutIdNumber(
  value: unknown,
  secret: string,
): { record: unknown; workerRef?: string } {
  if (!isObject(value)) return { record: value };
  const worker = value.worker;
  if (!isObject(worker) || !('idNumber' in worker)) return { record: value };
  const { idNumber, ...rest } = worker;
  const workerRef =
    typeof idNumber === 'string' && idNumber.trim() !== ''
      ? pseudonymiseWorkerId(idNumber, secret)
      : undefined;
  return { record: { ...value, worker: rest }, workerRef };
}

/** The record's worker (an object: withoutIdNumber found one, and clean keeps it one) with its workerRef. */
function withWorkerRef(
  record: Record<string, unknown>,
  workerRef: string,
): Record<string, unknown> {
  const worker = record.worker as Record<string, unknown>;
  return { ...record, worker: { ...worker, workerRef } };
}

function clean(value: unknown): unknown {
  if (typeof value === 'string')
    return scrubUnstorableText(redactDigitRuns(value));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value); // JSON cannot hold it (e.g. 1e400 parses to Infinity)
    return Number.isFinite(value) &&
      Math.abs(Math.trunc(value)).toString().length >= LONG_NUMBER
      ? '[number-redacted]'
      : value;
  }
  if (typeof value === 'bigint') return '[number-redacted]';
  if (Array.isArray(value)) return value.map(clean);
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        scrubUnstorableText(redactDigitRuns(k)),
        clean(v),
      ]),
    );
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
