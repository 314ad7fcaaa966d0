/**
 * The HR weekly work-injury feed schema, version 1, embedded verbatim as a TypeScript constant.
 *
 * Why a .ts constant next to the .json copy: the Nest `tsc` builder does not copy .json assets into
 * dist, JSON import attributes are awkward under jest ESM, and `import.meta.url` file reads depend on
 * the output layout. `hr-injury-declaration.v1.schema.spec.ts` proves this constant is deep-equal to
 * `hr-injury-declaration.v1.schema.json` (the verbatim copy), whose SHA-256 is the published contract's.
 * Never edit by hand: a new contract version is a new file (v2), not a change here.
 */
export const HR_INJURY_DECLARATION_V1_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'hr-injury-declaration.v1',
  title: 'HR weekly work-injury feed message, version 1',
  description:
    'Value of a message on Kafka topic hr.work-injury-declarations.v1 (key = claimId for declarations, manifest-<feedWeek> for manifests), and item of an HTTP batch. UTF-8 JSON, at most 64 KiB.',
  oneOf: [
    {
      $ref: '#/$defs/declaration',
    },
    {
      $ref: '#/$defs/manifest',
    },
  ],
  $defs: {
    feedWeek: {
      type: 'string',
      pattern: '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$',
    },
    declaration: {
      type: 'object',
      additionalProperties: false,
      required: [
        'schemaVersion',
        'kind',
        'claimId',
        'feedWeek',
        'employer',
        'injuredAt',
        'declaredAt',
        'determination',
        'injuryNature',
        'severity',
        'medicalTreatmentClaim',
      ],
      properties: {
        schemaVersion: {
          const: 1,
        },
        kind: {
          const: 'declaration',
        },
        claimId: {
          type: 'string',
          pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$',
          description:
            'HR declaration / determination number, unique per injured worker and injury',
        },
        feedWeek: {
          $ref: '#/$defs/feedWeek',
        },
        employer: {
          type: 'object',
          additionalProperties: false,
          required: ['uscc'],
          properties: {
            uscc: {
              type: 'string',
              description:
                '统一社会信用代码, GB 32100-2015, 18 characters with a valid check character',
            },
            name: {
              type: 'string',
              maxLength: 200,
            },
          },
        },
        incidentRef: {
          type: 'string',
          maxLength: 64,
          description:
            'groups declarations of workers hurt in the same incident',
        },
        injuredAt: {
          type: 'string',
          format: 'date-time',
        },
        declaredAt: {
          type: 'string',
          format: 'date',
        },
        determination: {
          enum: ['pending', 'recognised', 'deemed', 'not-recognised'],
          description: '待认定 / 工伤 / 视同工伤 / 不属于工伤',
        },
        injuryNature: {
          enum: [
            'workplace',
            'commute',
            'occupational-disease',
            'sudden-illness',
            'other',
          ],
        },
        accidentType: {
          type: 'object',
          additionalProperties: false,
          required: ['standard', 'code'],
          properties: {
            standard: {
              enum: ['GB6441-2025', 'GB6441-86'],
            },
            code: {
              type: 'string',
              maxLength: 16,
            },
          },
        },
        bodyPart: {
          type: 'string',
          maxLength: 100,
        },
        severity: {
          enum: ['minor', 'serious', 'fatal'],
        },
        medicalTreatmentClaim: {
          type: 'boolean',
          description: '医疗待遇申报',
        },
        disabilityGrade: {
          type: ['integer', 'null'],
          minimum: 1,
          maximum: 10,
        },
        worker: {
          type: 'object',
          additionalProperties: false,
          properties: {
            idNumber: {
              type: 'string',
              pattern: '^[0-9]{17}[0-9X]$',
              description:
                'resident ID number; turned into a keyed pseudonym on arrival and never stored',
            },
            occupation: {
              type: 'string',
              maxLength: 100,
            },
            gender: {
              enum: ['male', 'female'],
            },
          },
        },
        narrative: {
          type: 'string',
          maxLength: 2000,
        },
      },
    },
    manifest: {
      type: 'object',
      additionalProperties: false,
      required: ['schemaVersion', 'kind', 'feedWeek', 'expectedCount'],
      properties: {
        schemaVersion: {
          const: 1,
        },
        kind: {
          const: 'manifest',
        },
        feedWeek: {
          $ref: '#/$defs/feedWeek',
        },
        expectedCount: {
          type: 'integer',
          minimum: 0,
        },
        claimIds: {
          type: 'array',
          items: {
            type: 'string',
          },
          maxItems: 100000,
        },
      },
    },
  },
} as const;
