import { Ajv2020, type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { validateUscc } from '@app/reference-data';
import { HR_INJURY_DECLARATION_V1_SCHEMA } from './hr-injury-declaration.v1.schema.js';
import { HR_FEED_MAX_MESSAGE_BYTES } from './hr-feed.topics.js';
import type { HrFeedMessageV1, HrFeedParseResult, HrFeedViolation } from './hr-feed.types.js';

// ajv-formats is CommonJS with `exports.default`: under node ESM the default import is the plugin
// itself, under some TS/jest interop layers it is the namespace; accept both.
type FormatsPlugin = (ajv: Ajv2020, formats?: string[]) => Ajv2020;
const addFormats: FormatsPlugin =
  ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin));

const SCHEMA_ID = HR_INJURY_DECLARATION_V1_SCHEMA.$id;

interface CompiledValidators {
  whole: ValidateFunction;
  declaration: ValidateFunction;
  manifest: ValidateFunction;
}

let compiled: CompiledValidators | undefined;

function validators(): CompiledValidators {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv, ['date', 'date-time']);
  ajv.addSchema(HR_INJURY_DECLARATION_V1_SCHEMA as unknown as SchemaObject);
  const get = (ref: string): ValidateFunction => {
    const fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`Schema ${ref} did not compile`);
    return fn;
  };
  compiled = {
    whole: get(SCHEMA_ID),
    declaration: get(`${SCHEMA_ID}#/$defs/declaration`),
    manifest: get(`${SCHEMA_ID}#/$defs/manifest`),
  };
  return compiled;
}

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** One ajv error → {path, message}, the path naming the offending property itself where ajv names its parent. */
function toViolation(error: ErrorObject): HrFeedViolation {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        path: `${error.instancePath}/${escapePointer(String(params.missingProperty))}`,
        message: `is required`,
      };
    case 'additionalProperties':
      return {
        path: `${error.instancePath}/${escapePointer(String(params.additionalProperty))}`,
        message: `is not allowed (unknown property)`,
      };
    case 'enum':
      return {
        path: error.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { path: error.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}

function dedupe(violations: HrFeedViolation[]): HrFeedViolation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.path}\u0000${v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Validates an already-parsed value (an HTTP batch item, or a Kafka value after JSON.parse) against
 * the v1 schema and returns every violation, not just the first. A declaration's employer.uscc must
 * also carry a correct GB 32100-2015 check character (the schema only says "string").
 *
 * The message is validated against the branch its `kind` names, so a bad declaration is reported
 * as a bad declaration rather than as "matches neither declaration nor manifest".
 */
export function validateHrFeedMessage(value: unknown): HrFeedParseResult {
  const size = byteLengthOf(value);
  if (size > HR_FEED_MAX_MESSAGE_BYTES) return tooLarge(size);

  const v = validators();
  const kind = isObject(value) ? value.kind : undefined;
  const branch = kind === 'declaration' ? v.declaration : kind === 'manifest' ? v.manifest : v.whole;
  const reasons: HrFeedViolation[] = [];
  if (!branch(value)) {
    if (branch === v.whole) {
      reasons.push({
        path: '/kind',
        message: 'must be "declaration" or "manifest"',
      });
      if (!isObject(value)) reasons.unshift({ path: '', message: 'must be a JSON object' });
    } else {
      reasons.push(...(branch.errors ?? []).map(toViolation));
    }
  }

  if (kind === 'declaration' && isObject(value) && isObject(value.employer) && typeof value.employer.uscc === 'string') {
    const uscc = validateUscc(value.employer.uscc);
    if (!uscc.valid) reasons.push({ path: '/employer/uscc', message: uscc.message });
  }

  if (reasons.length > 0) return { ok: false, reasons: dedupe(reasons) };
  return { ok: true, message: value as HrFeedMessageV1 };
}

/**
 * Parses one raw message (a Kafka value): at most 64 KiB of UTF-8 JSON, then {@link validateHrFeedMessage}.
 */
export function parseHrFeedMessage(raw: string | Uint8Array): HrFeedParseResult {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
  if (size > HR_FEED_MAX_MESSAGE_BYTES) return tooLarge(size);
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { ok: false, reasons: [{ path: '', message: 'is not valid UTF-8' }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reasons: [{ path: '', message: `is not valid JSON (${(error as Error).message})` }],
    };
  }
  return validateHrFeedMessage(value);
}

function tooLarge(size: number): HrFeedParseResult {
  return {
    ok: false,
    reasons: [{ path: '', message: `is ${size} bytes, more than the ${HR_FEED_MAX_MESSAGE_BYTES} bytes allowed` }],
  };
}

function byteLengthOf(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  } catch {
    return 0;
  }
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
