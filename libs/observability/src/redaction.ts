/**
 * What a log line may never carry (docs/decisions/0190-structured-logs.md): a worker's ID number, a
 * narrative of what happened to a person, a credential. Keys are redacted by name wherever they sit;
 * on top of that every finished line is scrubbed of digit runs shaped like an ID number, whatever
 * path they took (an error message, a URL, a stack trace).
 */
export const REDACTED = '[redacted]';

/** Property names whose values are personal or secret, matched case-insensitively anywhere in an object. */
const SENSITIVE_KEY =
  /^(idnumber|narrative|description|injurydescription|accidentdescription|summary|occupation|healthdetails|authorization|cookie|set-cookie|password|secret|token|access_token|refresh_token|api[-_]?key|x-api-key)$/i;

/** 17 or more digits, optionally ending in X: a resident ID number, alone or glued to other digits. */
const ID_NUMBER_RUN = /\d{17,}[Xx]?/g;
/** A JWT wherever it appears in text (a query string, an error message), with or without `Bearer`. */
const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
/** `Bearer <token>` wherever it appears in text. */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

export function scrubText(text: string): string {
  return text
    .replace(ID_NUMBER_RUN, '[id-number-redacted]')
    .replace(JWT, REDACTED)
    .replace(BEARER, `$1 ${REDACTED}`);
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** A copy of `value` with sensitive keys replaced; depth-bounded so a cyclic or huge object cannot stall a log call. */
export function redactObject(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value))
    return value.map((item) => redactObject(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSensitiveKey(key) ? REDACTED : redactObject(item, depth + 1);
  }
  return out;
}
