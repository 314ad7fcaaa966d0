/**
 * The HR weekly work-injury feed schema, version 2, embedded as a TypeScript constant for the same reasons as
 * version 1 (see hr-injury-declaration.v1.schema.ts). `hr-injury-declaration.v2.schema.spec.ts` proves it is
 * deep-equal to `hr-injury-declaration.v2.schema.json`, the contract handed to HR.
 */
export const HR_INJURY_DECLARATION_V2_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'hr-injury-declaration.v2',
  title: 'HR weekly work-injury feed message, version 2',
  description:
    'Value of a message on Kafka topic hr.work-injury-declarations.v1 (the same topic as version 1; key = claimId for declarations, manifest-<feedWeek> for manifests), and item of an HTTP batch. UTF-8 JSON, at most 64 KiB. Version 2 changes injuryNature to the cases of 工伤保险条例 arts. 14 and 15; version 1 messages stay valid and are read as version 2 (sudden-illness as sudden-death-48h).',
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
          const: 2,
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
            'work-preparation',
            'violence-at-work',
            'occupational-disease',
            'business-trip',
            'commute',
            'other',
            'sudden-death-48h',
            'rescue-and-relief',
            'old-military-injury',
          ],
          description:
            '工伤保险条例 art. 14 (determination recognised): workplace 14(一), work-preparation 14(二), violence-at-work 14(三), occupational-disease 14(四), business-trip 14(五), commute 14(六), other 14(七); art. 15 (determination deemed, 视同工伤): sudden-death-48h 15(一), rescue-and-relief 15(二), old-military-injury 15(三). A recognised or deemed determination must fit the nature.',
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
              description:
                'GB6441-2025: WSA10001–WSA10026 or WSA10099; GB6441-86: 01–20',
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
          const: 2,
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
