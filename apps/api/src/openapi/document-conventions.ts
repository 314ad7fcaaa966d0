import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { NextFunction, Request, Response } from 'express';
import { ACCESS_TABLE } from '@app/access';
import { problem } from '@app/api-conventions';
import { GB4754_2017_SECTIONS, type ReferenceData } from '@app/reference-data';
import { ISO_WEEK_PATTERN } from '@app/shared-kernel';

/**
 * The OpenAPI document states what the server enforces (docs/decisions/0193-openapi-states-what-the-server-enforces.md).
 * Two passes keep the controllers free of duplicated rules:
 * 1. before the document is built, every class-validator rule of a documented DTO property is copied
 *    into its Swagger metadata (pattern, length, bounds, enum, integer, non-empty), so body schemas and
 *    query parameters carry the same constraints the validation pipe applies;
 * 2. after, every operation lists the error statuses the conventions give it (400, 404, 409, 412, 413,
 *    503) as RFC 7807 problem details, and the shared headers and path identifiers get their formats.
 */

const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/** A class, as class-validator keys its metadata. */
type ClassRef = abstract new (...args: never[]) => unknown;

interface ValidationMetadataLike {
  name?: string;
  type: string;
  target: ClassRef | string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}

/** Only patterns that mean the same in ECMA-262 and the generators that read the document. */
function portablePattern(pattern: unknown): string | undefined {
  if (!(pattern instanceof RegExp) || pattern.flags.replace(/[gu]/g, '') !== '')
    return undefined;
  return pattern.source;
}

function constraintsOf(
  rules: ValidationMetadataLike[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const rule of rules) {
    if (rule.each) continue;
    // @IsOptional lets null through as well as absence.
    if (rule.type === 'conditionalValidation') out.nullable = true;
    const [a, b] = rule.constraints ?? [];
    switch (rule.name) {
      case 'isNotEmpty':
        out.minLength ??= 1;
        break;
      case 'minLength':
        out.minLength = a;
        break;
      case 'maxLength':
        out.maxLength = a;
        break;
      case 'isLength':
        out.minLength = a;
        if (b !== undefined) out.maxLength = b;
        break;
      case 'min':
        out.minimum = a;
        break;
      case 'max':
        out.maximum = a;
        break;
      case 'isInt':
        out.type = 'integer';
        break;
      case 'matches': {
        const pattern = portablePattern(
          a instanceof RegExp
            ? a
            : typeof a === 'string'
              ? new RegExp(a, typeof b === 'string' ? b : undefined)
              : undefined,
        );
        if (pattern) out.pattern = pattern;
        break;
      }
      case 'isIn':
        if (Array.isArray(a)) out.enum = a;
        break;
      case 'arrayMinSize':
        out.minItems = a;
        break;
      case 'arrayMaxSize':
        out.maxItems = a;
        break;
      case 'arrayUnique':
        out.uniqueItems = true;
        break;
      case 'isIso8601':
        out.iso8601 = true;
        break;
    }
  }
  if (out.iso8601) {
    delete out.iso8601;
    // A property that must also match a calendar-date pattern is a date; otherwise an instant.
    const dateOnly =
      typeof out.pattern === 'string' &&
      new RegExp(out.pattern).test('2024-09-15');
    out.format = dateOnly ? 'calendar-date' : 'date-time';
  }
  return out;
}

function rulesByClassName(): Map<string, ValidationMetadataLike[]> {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<ClassRef, ValidationMetadataLike[]>;
  };
  const byName = new Map<string, ValidationMetadataLike[]>();
  for (const target of storage.validationMetadatas.keys()) {
    if (typeof target !== 'function') continue;
    const rules: ValidationMetadataLike[] = [];
    // A DTO's rules include those it inherits (CommandRequestDto, PageRequestDto).
    for (
      let cls: ClassRef | null = target;
      cls && cls !== Function.prototype;
      cls = Object.getPrototypeOf(cls) as ClassRef | null
    ) {
      rules.push(...(storage.validationMetadatas.get(cls) ?? []));
    }
    byName.set(target.name, rules);
  }
  return byName;
}

/** Pass 1: class-validator rules into the Swagger property metadata of every documented DTO property. */
export function documentValidationRules(): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<ClassRef, ValidationMetadataLike[]>;
  };
  for (const [target, rules] of storage.validationMetadatas) {
    if (typeof target !== 'function') continue;
    const prototype = target.prototype as object;
    const byProperty = new Map<string, ValidationMetadataLike[]>();
    for (const rule of rules)
      byProperty.set(rule.propertyName, [
        ...(byProperty.get(rule.propertyName) ?? []),
        rule,
      ]);
    for (const [property, propertyRules] of byProperty) {
      const existing = Reflect.getMetadata(
        API_MODEL_PROPERTIES,
        prototype,
        property,
      ) as Record<string, unknown> | undefined;
      if (!existing) continue;
      const derived = constraintsOf(propertyRules);
      if (existing.isArray === true || existing.type === Array) {
        // Length rules of an array are item counts; the rest describe its items, which Swagger types itself.
        delete derived.minLength;
        delete derived.pattern;
        delete derived.type;
      } else {
        delete derived.minItems;
        delete derived.maxItems;
        delete derived.uniqueItems;
      }
      if (existing.enum !== undefined) delete derived.enum;
      // An explicit ApiProperty value wins over the derived one.
      Reflect.defineMetadata(
        API_MODEL_PROPERTIES,
        {
          ...derived,
          ...existing,
          ...(derived.type === 'integer' &&
          (existing.type === Number || existing.type === undefined)
            ? { type: 'integer' }
            : {}),
        },
        prototype,
        property,
      );
    }
  }
}

/**
 * Values whose validity a regular expression cannot state (a check character, a week that exists in
 * its year) get a named format; test/fuzz/schemathesis_hooks.py generates valid ones, other clients
 * read the description.
 */
const USCC_SCHEMA = {
  format: 'uscc',
  pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$',
  description:
    '统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character over the first 17',
};
/** GB/T 4754-2017: a section letter, alone or with a division of that section (C01 is refused), then 0–2 more digits. */
const INDUSTRY_CODE_PATTERN = `^(${GB4754_2017_SECTIONS.map((section) => {
  const divisions: string[] = [];
  for (let d = section.divisions.from; d <= section.divisions.to; d++)
    divisions.push(String(d).padStart(2, '0'));
  return `${section.letter}((${divisions.join('|')})[0-9]{0,2})?`;
}).join('|')})$`;

/** Recognised by what a pattern accepts: a week pattern takes 2024-W36, a month pattern 2024-08 but not 2024-13. */
const FORMAT_BY_EXAMPLES: Array<[string, string[], string[]]> = [
  ['iso-week', ['2024-W36', '2020-W53'], ['2024-36', '2024-W54']],
  ['year-month', ['2024-08', '1999-12'], ['2024-13', '2024-8']],
  [
    'calendar-date',
    ['2024-09-15', '1999-12-31'],
    ['2024-9-15', '2024-09-15T00:00:00Z'],
  ],
];

/** Names the format of a string whose pattern is a calendar week, month or day. */
function nameFormat(schema: Schema): void {
  if (typeof schema.pattern !== 'string' || schema.format) return;
  const pattern = new RegExp(schema.pattern);
  for (const [format, accepts, refuses] of FORMAT_BY_EXAMPLES) {
    if (
      accepts.every((v) => pattern.test(v)) &&
      refuses.every((v) => !pattern.test(v))
    )
      schema.format = format;
  }
}

/** Formats of the request headers every command shares (libs/api-conventions). */
const HEADER_SCHEMAS: Record<string, Record<string, unknown>> = {
  'idempotency-key': { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  'if-match': { type: 'string', pattern: '^(W/)?"?[0-9]{1,18}"?$' },
};

/** Path identifiers whose format the server checks before looking anything up (400 rather than 404). */
const PATH_PARAMETER_SCHEMAS: Record<string, Record<string, unknown>> = {
  feedWeek: {
    type: 'string',
    format: 'iso-week',
    pattern: ISO_WEEK_PATTERN.source,
  },
};

const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' };
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 7807 problem details with a stable code',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    code: { type: 'string', pattern: '^[A-Z0-9_]+$' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const DESCRIPTIONS: Record<string, string> = {
  '400':
    'The request breaks a documented rule (REQUEST_VALIDATION_FAILED and other codes)',
  '401':
    'No bearer token, or one this service does not accept (TOKEN_MISSING, TOKEN_EXPIRED, TOKEN_INVALID, …)',
  '403':
    "The token's role may not use this route, or an officer names another zone (ROLE_FORBIDDEN, ZONE_FORBIDDEN)",
  '404': 'No such resource',
  '409': 'The command conflicts with the current state, or a concurrent write',
  '412': 'If-Match names a stale stream position (STREAM_VERSION_CONFLICT)',
  '413': 'The request body is larger than this endpoint accepts',
  '429':
    "The token's subject, or without a valid token the caller's address, spent its requests of the minute (RATE_LIMIT_PER_MINUTE); Retry-After says when to try again",
  '415': 'The request body is not in a media type this endpoint reads',
  '503': 'A store is unreachable; retry later',
};

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: unknown;
  allOf?: Schema[];
} & Record<string, unknown>;

/** The GB 6441 code a request may name depends on the standard it names: stated as one alternative per standard. */
function accidentTypeSchema(types: ReferenceData['accidentTypes']): Schema {
  const alternative = (
    standard: string,
    codes: readonly { code: string }[],
  ) => ({
    type: 'object',
    required: ['standard', 'code'],
    additionalProperties: false,
    properties: {
      standard: { type: 'string', enum: [standard] },
      code: { type: 'string', enum: codes.map((c) => c.code) },
    },
  });
  return {
    oneOf: Object.entries(types).map(([standard, codes]) =>
      alternative(standard, codes),
    ),
  };
}

/**
 * Request bodies: the validation pipe refuses unknown properties (forbidNonWhitelisted), so their
 * schemas say additionalProperties: false; rules on array items (`each: true`) go onto `items`.
 */
function closeRequestSchemas(
  document: OpenAPIObject,
  roots: Set<string>,
  referenceData: ReferenceData,
): void {
  const schemas = document.components!.schemas as Record<string, Schema>;
  const rules = rulesByClassName();
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !schemas[name]) return;
    seen.add(name);
    const schema = schemas[name];
    if (schema.type === 'object' || schema.properties)
      schema.additionalProperties = false;
    const byProperty = new Map<string, ValidationMetadataLike[]>();
    for (const rule of rules.get(name) ?? [])
      if (rule.each)
        byProperty.set(rule.propertyName, [
          ...(byProperty.get(rule.propertyName) ?? []),
          rule,
        ]);
    for (const [property, propertySchema] of Object.entries(
      schema.properties ?? {},
    )) {
      const each = byProperty.get(property);
      if (
        each &&
        propertySchema.type === 'array' &&
        propertySchema.items &&
        !propertySchema.items.$ref
      ) {
        const derived = constraintsOf(
          each.map((rule) => ({ ...rule, each: false })),
        );
        delete derived.type;
        propertySchema.items = { ...derived, ...propertySchema.items };
      }
      // A zone a command names must be a configured one (ZONE_UNKNOWN otherwise).
      if (
        ['zoneId', 'toZoneId'].includes(property) &&
        propertySchema.type === 'string'
      )
        propertySchema.enum = referenceData.zones.map((z) => z.id);
      if (property === 'uscc' && propertySchema.type === 'string')
        Object.assign(propertySchema, USCC_SCHEMA);
      if (property === 'industryCode' && propertySchema.type === 'string')
        propertySchema.pattern = INDUSTRY_CODE_PATTERN;
      for (const ref of refsIn(propertySchema)) visit(ref);
    }
  };
  for (const root of roots) visit(root);
}

function refsIn(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(refsIn);
  const out: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string')
      out.push(item.replace('#/components/schemas/', ''));
    else out.push(...refsIn(item));
  }
  return out;
}

type Operation = {
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{
    in: string;
    name: string;
    schema?: Record<string, unknown>;
    $ref?: string;
  }>;
  requestBody?: unknown;
  responses: Record<
    string,
    { description?: string; content?: Record<string, { schema?: unknown }> }
  >;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const REPORT_PATH =
  /^\/api\/v1\/(metrics\/accident-reduction|zones\/competition|reports)\b/;

/** Pass 2: every operation lists the statuses the conventions give it, as problem details. */
export function completeDocument(
  document: OpenAPIObject,
  referenceData: ReferenceData,
): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ProblemDetails = PROBLEM_SCHEMA;
  const requestRoots = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const body = (item as Record<string, Operation | undefined>)[method]
        ?.requestBody;
      for (const ref of refsIn(body)) requestRoots.add(ref);
    }
  }
  closeRequestSchemas(document, requestRoots, referenceData);
  if (document.components.schemas.AccidentTypeRequestDto) {
    document.components.schemas.AccidentTypeRequestDto = accidentTypeSchema(
      referenceData.accidentTypes,
    ) as never;
  }
  for (const schema of Object.values(document.components.schemas) as Schema[]) {
    for (const property of Object.values(schema.properties ?? {}))
      nameFormat(property);
  }
  // Every route the access table does not make public needs a bearer token (docs/decisions/0220-access-control.md).
  document.components.securitySchemes = {
    ...document.components.securitySchemes,
    bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const rule =
        ACCESS_TABLE[
          `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, ':$1')}`
        ];
      const guarded = rule !== undefined && !rule.public;
      if (guarded) operation.security = [{ bearer: [] }];
      // Reads ignore Idempotency-Key: a class-level header does not belong on them.
      if (method === 'get')
        operation.parameters = operation.parameters?.filter(
          (p) =>
            !(p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
        );
      for (const parameter of operation.parameters ?? []) {
        if (
          parameter.in === 'header' &&
          HEADER_SCHEMAS[parameter.name.toLowerCase()]
        )
          parameter.schema = HEADER_SCHEMAS[parameter.name.toLowerCase()];
        if (parameter.in === 'path' && PATH_PARAMETER_SCHEMAS[parameter.name])
          parameter.schema = PATH_PARAMETER_SCHEMAS[parameter.name];
        if (parameter.in === 'path' && parameter.name === 'component')
          parameter.schema = {
            type: 'string',
            enum: referenceData.components.map((c) => c.id),
          };
        // A report or metric names a configured zone or none (ZONE_UNKNOWN); the lists merely filter by it.
        if (
          parameter.in === 'query' &&
          parameter.name === 'zoneId' &&
          REPORT_PATH.test(path)
        )
          parameter.schema = {
            type: 'string',
            enum: referenceData.zones.map((z) => z.id),
          };
        if (parameter.schema) nameFormat(parameter.schema);
      }
      // A body whose properties are all optional may be left out (the server reads it as {}).
      const body = operation.requestBody as
        | { required?: boolean; content?: Record<string, { schema?: Schema }> }
        | undefined;
      const bodyRef = refsIn(body?.content?.['application/json']?.schema)[0];
      const bodySchema = bodyRef
        ? (document.components.schemas as Record<string, Schema>)[bodyRef]
        : undefined;
      if (
        body &&
        bodySchema &&
        !(bodySchema.required as string[] | undefined)?.length &&
        Object.keys(body.content ?? {}).length === 1
      )
        body.required = false;
      const statuses = new Set<string>();
      const api = path.startsWith('/api/');
      const write = method !== 'get';
      if (
        api &&
        ((operation.parameters?.length ?? 0) > 0 ||
          operation.requestBody !== undefined ||
          write)
      )
        statuses.add('400');
      if (path.includes('{')) statuses.add('404');
      if (api && write) ['409', '413', '415'].forEach((s) => statuses.add(s));
      if (
        operation.parameters?.some(
          (p) => p.in === 'header' && p.name.toLowerCase() === 'if-match',
        )
      )
        statuses.add('412');
      if (api || path === '/health/ready') statuses.add('503');
      if (guarded) ['401', '403', '429'].forEach((s) => statuses.add(s));
      for (const status of statuses)
        operation.responses[status] ??= { description: DESCRIPTIONS[status] };
      if (!Object.keys(operation.responses).some((s) => s.startsWith('2'))) {
        operation.responses[method === 'post' ? '201' : '200'] = {
          description: 'OK',
        };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (
          Number(status) >= 400 &&
          !(path === '/health/ready' && status === '503')
        ) {
          response.content = {
            'application/problem+json': { schema: PROBLEM },
          };
        }
      }
    }
  }
  return document;
}

/**
 * A path the API serves, asked with a method it does not: 405 with `Allow`, as problem details,
 * instead of the router's 404.
 */
export function methodNotAllowed(
  app: INestApplication,
  document: OpenAPIObject,
): void {
  const routes = Object.entries(document.paths).map(([path, item]) => {
    const methods = METHODS.filter(
      (m) => (item as Record<string, unknown>)[m] !== undefined,
    ).map((m) => m.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    const regex = new RegExp(
      `^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+')}/?$`,
    );
    return { regex, methods };
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const route = routes.find((r) => r.regex.test(request.path));
    if (
      !route ||
      route.methods.includes(request.method) ||
      request.method === 'OPTIONS'
    )
      return next();
    const allow = route.methods.join(', ');
    response
      .status(405)
      .setHeader('Allow', allow)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          ...problem(
            405,
            'METHOD_NOT_ALLOWED',
            `${request.method} is not allowed here; allowed: ${allow}`,
          ),
          instance: request.originalUrl,
        }),
      );
  });
}
