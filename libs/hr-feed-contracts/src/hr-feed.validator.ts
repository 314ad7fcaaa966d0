import {
  Ajv2020,
  type ErrorObject,
  type ValidateFunction,
} from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  determinationProblem,
  isInjuryNature,
  validateUscc,
} from '@app/reference-data';
import { HR_INJURY_DECLARATION_V1_SCHEMA } from './hr-injury-declaration.v1.schema.js';
import { HR_INJURY_DECLARATION_V2_SCHEMA } from './hr-injury-declaration.v2.schema.js';
import { HR_FEED_MAX_MESSAGE_BYTES } from './hr-feed.topics.js';
import type {
  HrFeedMessage,
  HrFeedParseResult,
  HrFeedViolation,
} from './hr-feed.types.js';

// ajv-formats is CommonJS with `exports.default`: under node ESM the default import is the plugin
// itself, under some TS/jest interop layers it is the namespace; accept both.
type FormatsPlugin = (ajv: Ajv2020, formats?: string[]) => Ajv2020;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

/** The contract versions accepted on the one topic and batch endpoint, by `schemaVersion`. */
export const HR_FEED_SCHEMA_VERSIONS = [1, 2] as const;
export type HrFeedSchemaVersion = (typeof HR_FEED_SCHEMA_VERSIONS)[number];

interface CompiledValidators {
  whole: ValidateFunction;
  declaration: ValidateFunction;
  manifest: ValidateFunction;
}

const SCHEMA_VERSION_VIOLATION: HrFeedViolation = {
  path: '/schemaVersion',
  message: `must be ${HR_FEED_SCHEMA_VERSIONS.join(' or ')} (hr-injury-declaration.v1 or .v2)`,
};

let compiled: Record<HrFeedSchemaVersion, CompiledValidators> | undefined;

function validators(version: HrFeedSchemaVersion): CompiledValidators {
  if (!compiled) {
    const ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      allowUnionTypes: true,
    });
    addFormats(ajv, ['date', 'date-time']);
    const compile = (schema: { $id: string }): CompiledValidators => {
      ajv.addSchema(schema);
      const get = (ref: string): ValidateFunction => {
        const fn = ajv.getSchema(ref);
        if (!fn) throw new Error(`Schema ${ref} did not compile`);
        return fn;
      };
      return {
        whole: get(schema.$id),
        declaration: get(`${schema.$id}#/$defs/declaration`),
        manifest: get(`${schema.$id}#/$defs/manifest`),
      };
    };
    compiled = {
      1: compile(HR_INJURY_DECLARATION_V1_SCHEMA),
      2: compile(HR_INJURY_DECLARATION_V2_SCHEMA),
    };
  }
  return compiled[version];
}

const escapePointer = (segment: string): string =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

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
      return {
        path: error.instancePath,
        message: `must be ${JSON.stringify(params.allowedValue)}`,
      };
    default:
      return {
        path: error.instancePath,
        message: error.message ?? `fails ${error.keyword}`,
      };
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
 * the schema of its `schemaVersion` (1 or 2; anything else is validated as the latest and told so) and
 * returns every violation, not just the first. A declaration's employer.uscc must also be a valid GB
 * 32100-2015 code (the schema only says "string"), and in version 2 a recognised or deemed
 * determination must fit the injury nature (工伤保险条例 arts. 14/15).
 *
 * The message is validated against the branch its `kind` names, so a bad declaration is reported
 * as a bad declaration rather than as "matches neither declaration nor manifest".
 */
export function validateHrFeedMessage(value: unknown): HrFeedParseResult {
  const size = byteLengthOf(value);
  if (size > HR_FEED_MAX_MESSAGE_BYTES) return tooLarge(size);

  const declared: unknown = isObject(value) ? value.schemaVersion : undefined;
  const version: HrFeedSchemaVersion = declared === 1 ? 1 : 2;
  const v = validators(version);
  const kind: unknown = isObject(value) ? value.kind : undefined;
  const branch =
    kind === 'declaration'
      ? v.declaration
      : kind === 'manifest'
        ? v.manifest
        : v.whole;
  const reasons: HrFeedViolation[] = [];
  if (!branch(value)) {
    if (branch === v.whole) {
      reasons.push({
        path: '/kind',
        message: 'must be "declaration" or "manifest"',
      });
      if (!isObject(value))
        reasons.unshift({ path: '', message: 'must be a JSON object' });
    } else {
      reasons.push(...(branch.errors ?? []).map(toViolation));
    }
  }

  if (
    kind === 'declaration' &&
    isObject(value) &&
    isObject(value.employer) &&
    typeof value.employer.uscc === 'string'
  ) {
    const uscc = validateUscc(value.employer.uscc);
    if (!uscc.valid)
      reasons.push({ path: '/employer/uscc', message: uscc.message });
  }
  if (
    version === 2 &&
    kind === 'declaration' &&
    isObject(value) &&
    isInjuryNature(value.injuryNature)
  ) {
    const problem = determinationProblem(
      value.injuryNature,
      String(value.determination),
    );
    if (problem) reasons.push({ path: '/determination', message: problem });
  }

  if (reasons.length > 0)
    return {
      ok: false,
      reasons: dedupe(
        reasons.map((r) =>
          r.path === '/schemaVersion' && declared !== undefined
            ? SCHEMA_VERSION_VIOLATION
            : r,
        ),
      ),
    };
  return { ok: true, message: value as HrFeedMessage };
}

/**
 * Parses one raw message (a Kafka value): at most 64 KiB of UTF-8 JSON, then {@link validateHrFeedMessage}.
 */
export function parseHrFeedMessage(
  raw: string | Uint8Array,
): HrFeedParseResult {
  const size =
    typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
  if (size > HR_FEED_MAX_MESSAGE_BYTES) return tooLarge(size);
  let text: string;
  try {
    text =
      typeof raw === 'string'
        ? raw
        : new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return {
      ok: false,
      reasons: [{ path: '', message: 'is not valid UTF-8' }],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reasons: [
        {
          path: '',
          message: `is not valid JSON (${(error as Error).message})`,
        },
      ],
    };
  }
  return validateHrFeedMessage(value);
}

function tooLarge(size: number): HrFeedParseResult {
  return {
    ok: false,
    reasons: [
      {
        path: '',
        message: `is ${size} bytes, more than the ${HR_FEED_MAX_MESSAGE_BYTES} bytes allowed`,
      },
    ],
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
