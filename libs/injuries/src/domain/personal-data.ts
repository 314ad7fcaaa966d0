/**
 * Personal data of a declaration (docs/decisions/0230-personal-data-sealed-per-worker.md): what says
 * something about the injured person beyond the `workerRef` pseudonym. Stored sealed with the
 * worker's data key; every figure is computed without them.
 */
export const PERSONAL_DECLARATION_FIELDS = [
  'occupation',
  'narrative',
  'bodyPart',
  'disabilityGrade',
] as const;
export type PersonalDeclarationField =
  (typeof PERSONAL_DECLARATION_FIELDS)[number];

/** Top-level keys of a quarantined record that are personal (besides `worker` and unparseable text). */
const PERSONAL_RECORD_KEYS: readonly string[] = PERSONAL_DECLARATION_FIELDS;

/** Personal fields sealed with AES-256-GCM under the data key of `subject` (base64 parts). */
export interface SealedPersonalData {
  alg: 'A256GCM';
  /** Whose key: a workerRef, or `claim:<claimId>` / `quarantine:<id>` when the record names no worker. */
  subject: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

/** The key subject of a declaration: its worker, or the claim itself when the HR record gave no ID number. */
export function personalDataSubject(
  workerRef: string | undefined | null,
  claimId: string,
): string {
  return typeof workerRef === 'string' && workerRef !== ''
    ? workerRef
    : `claim:${claimId}`;
}

/** Splits an object into its personal fields and the rest (absent fields are not listed). */
export function splitPersonalFields<T extends object>(
  value: T,
): { personal: Record<string, unknown>; rest: T } {
  const personal: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if ((PERSONAL_DECLARATION_FIELDS as readonly string[]).includes(key)) {
      if (v !== undefined) personal[key] = v;
    } else {
      rest[key] = v;
    }
  }
  return { personal, rest: rest as T };
}

/**
 * A quarantined record split the same way: top-level narrative, bodyPart, disabilityGrade, everything
 * of `worker` except its workerRef, and the text of unparseable input. `rest` is exactly what an
 * erased record shows, so scrubbing a projected row and decoding with the key gone agree.
 */
export function splitPersonalRecord(record: unknown): {
  personal: Record<string, unknown>;
  rest: unknown;
} {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { personal: {}, rest: record };
  const personal: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record as Record<string, unknown>)) {
    if (PERSONAL_RECORD_KEYS.includes(key)) {
      personal[key] = v;
    } else if (key === 'worker' && isObject(v)) {
      const { workerRef, ...others } = v;
      if (Object.keys(others).length > 0) personal.worker = others;
      rest.worker = workerRef === undefined ? {} : { workerRef };
    } else if (key === 'worker') {
      personal.worker = v;
    } else if (key === 'unparseable' && isObject(v) && 'text' in v) {
      const { text, ...others } = v;
      personal.unparseableText = text;
      rest.unparseable = others;
    } else {
      rest[key] = v;
    }
  }
  return { personal, rest };
}

/** Puts opened personal parts back into a quarantined record's rest. */
export function mergePersonalRecord(
  rest: unknown,
  personal: Record<string, unknown>,
): unknown {
  if (!isObject(rest)) return rest;
  const { worker, unparseableText, ...top } = personal;
  const out: Record<string, unknown> = { ...rest, ...top };
  if (worker !== undefined)
    out.worker =
      isObject(worker) && isObject(rest.worker)
        ? { ...worker, ...rest.worker }
        : worker;
  if (unparseableText !== undefined && isObject(rest.unparseable))
    out.unparseable = { ...rest.unparseable, text: unparseableText };
  return out;
}

/** The workerRef a quarantined record names, if any. */
export function workerRefOfRecord(record: unknown): string | undefined {
  if (!isObject(record) || !isObject(record.worker)) return undefined;
  const ref = record.worker.workerRef;
  return typeof ref === 'string' && ref !== '' ? ref : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
