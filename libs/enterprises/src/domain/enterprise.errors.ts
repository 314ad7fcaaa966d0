import {
  CodedDomainError,
  type DomainErrorKind,
  type ErrorDetail,
} from '@app/shared-kernel';

/** Every rule of the Enterprise context fails with one of these stable codes (docs/decisions/0261). */
export type EnterpriseErrorCode =
  | 'ENTERPRISE_NOT_FOUND'
  | 'ENTERPRISE_ALREADY_REGISTERED'
  | 'ZONE_UNKNOWN'
  | 'INDUSTRY_CODE_INVALID'
  | 'HEADCOUNT_NOT_POSITIVE'
  | 'PERIOD_INVALID'
  | 'EFFECTIVE_AT_REQUIRED'
  | 'EFFECTIVE_AT_INVALID'
  | 'VALUE_REQUIRED'
  | 'COUNT_INVALID'
  | 'NUMBER_INVALID'
  | 'COHORT_INVALID'
  | 'AUDIENCE_INVALID'
  | 'ENTERPRISE_NOT_ENROLLED'
  | 'ENTERPRISE_ALREADY_ENROLLED'
  | 'COMPONENT_UNKNOWN'
  | 'COMPONENT_ALREADY_ESTABLISHED'
  | 'POSTS_COVERED_EXCEED_TOTAL'
  | 'POSTS_PASSED_EXCEED_ASSESSED'
  | 'MODEL_DESIGNATION_PREREQUISITES_UNMET'
  | 'MODEL_ALREADY_DESIGNATED'
  | 'MODEL_NOT_DESIGNATED';

const KIND: Record<EnterpriseErrorCode, DomainErrorKind> = {
  ENTERPRISE_NOT_FOUND: 'not-found',
  ENTERPRISE_ALREADY_REGISTERED: 'conflict',
  ZONE_UNKNOWN: 'invalid',
  INDUSTRY_CODE_INVALID: 'invalid',
  HEADCOUNT_NOT_POSITIVE: 'invalid',
  PERIOD_INVALID: 'invalid',
  EFFECTIVE_AT_REQUIRED: 'invalid',
  EFFECTIVE_AT_INVALID: 'invalid',
  VALUE_REQUIRED: 'invalid',
  COUNT_INVALID: 'invalid',
  NUMBER_INVALID: 'invalid',
  COHORT_INVALID: 'invalid',
  AUDIENCE_INVALID: 'invalid',
  ENTERPRISE_NOT_ENROLLED: 'conflict',
  ENTERPRISE_ALREADY_ENROLLED: 'conflict',
  COMPONENT_UNKNOWN: 'invalid',
  COMPONENT_ALREADY_ESTABLISHED: 'conflict',
  POSTS_COVERED_EXCEED_TOTAL: 'invalid',
  POSTS_PASSED_EXCEED_ASSESSED: 'invalid',
  MODEL_DESIGNATION_PREREQUISITES_UNMET: 'conflict',
  MODEL_ALREADY_DESIGNATED: 'conflict',
  MODEL_NOT_DESIGNATED: 'conflict',
};

export class EnterpriseError extends CodedDomainError<EnterpriseErrorCode> {
  constructor(
    code: EnterpriseErrorCode,
    message: string,
    details: ErrorDetail[] = [],
  ) {
    super(code, KIND, message, details);
  }
}

const invalid = (code: EnterpriseErrorCode, message: string, path: string) =>
  new EnterpriseError(code, message, [{ path, message }]);

/** The messages of the codes above, so that each rule words its failure the same way everywhere. */
export const EnterpriseErrors = {
  notFound: (uscc: string) =>
    new EnterpriseError(
      'ENTERPRISE_NOT_FOUND',
      `Enterprise ${uscc} is not registered`,
    ),
  alreadyRegistered: (uscc: string) =>
    new EnterpriseError(
      'ENTERPRISE_ALREADY_REGISTERED',
      `Enterprise ${uscc} is already registered`,
    ),
  zoneUnknown: (zoneId: string, path = 'zoneId') =>
    invalid('ZONE_UNKNOWN', `Zone '${zoneId}' is not a configured zone`, path),
  /** `problem` says why (format, or a division outside its section), from reference data. */
  industryCodeInvalid: (problem: string, path = 'industryCode') =>
    invalid('INDUSTRY_CODE_INVALID', problem, path),
  headcountNotPositive: (headcount: number, path = 'headcount') =>
    invalid(
      'HEADCOUNT_NOT_POSITIVE',
      `Headcount must be a whole number greater than 0; got ${headcount}`,
      path,
    ),
  periodInvalid: (period: string, expected: string, path = 'period') =>
    invalid(
      'PERIOD_INVALID',
      `'${period}' is not a valid period (${expected})`,
      path,
    ),
  effectiveAtRequired: () =>
    invalid(
      'EFFECTIVE_AT_REQUIRED',
      'effectiveAt (an ISO instant) is required for this command',
      'effectiveAt',
    ),
  effectiveAtInvalid: (value: string) =>
    invalid(
      'EFFECTIVE_AT_INVALID',
      `effectiveAt '${value}' is not an ISO 8601 instant`,
      'effectiveAt',
    ),
  textRequired: (path: string) =>
    invalid('VALUE_REQUIRED', `${path} is required`, path),
  countInvalid: (path: string, value: number) =>
    invalid(
      'COUNT_INVALID',
      `${path} must be a whole number ≥ 0; got ${value}`,
      path,
    ),
  numberInvalid: (path: string, value: number) =>
    invalid(
      'NUMBER_INVALID',
      `${path} must be a number ≥ 0; got ${value}`,
      path,
    ),
  cohortInvalid: (cohort: string) =>
    invalid(
      'COHORT_INVALID',
      `Cohort '${cohort}' is not pilot or rollout`,
      'cohort',
    ),
  audienceInvalid: (audience: string) =>
    invalid(
      'AUDIENCE_INVALID',
      `Audience '${audience}' is not principal, manager or employee`,
      'audience',
    ),
  notEnrolled: (uscc: string) =>
    new EnterpriseError(
      'ENTERPRISE_NOT_ENROLLED',
      `Enterprise ${uscc} is not enrolled in the responsibility programme`,
    ),
  alreadyEnrolled: (uscc: string, cohort: string) =>
    new EnterpriseError(
      'ENTERPRISE_ALREADY_ENROLLED',
      `Enterprise ${uscc} is already enrolled (cohort ${cohort})`,
    ),
  componentUnknown: (component: string, known: readonly string[]) =>
    new EnterpriseError(
      'COMPONENT_UNKNOWN',
      `'${component}' is not a configured responsibility-system component (known: ${known.join(', ')})`,
      [{ path: 'component', message: `unknown component '${component}'` }],
    ),
  componentAlreadyEstablished: (component: string) =>
    new EnterpriseError(
      'COMPONENT_ALREADY_ESTABLISHED',
      `Component '${component}' is already established`,
    ),
  postsCoveredExceedTotal: (postsCovered: number, postsTotal: number) =>
    new EnterpriseError(
      'POSTS_COVERED_EXCEED_TOTAL',
      `postsCovered (${postsCovered}) cannot exceed postsTotal (${postsTotal})`,
      [
        {
          path: 'postsCovered',
          message: `must be ≤ postsTotal (${postsTotal})`,
        },
      ],
    ),
  postsPassedExceedAssessed: (postsPassed: number, postsAssessed: number) =>
    new EnterpriseError(
      'POSTS_PASSED_EXCEED_ASSESSED',
      `postsPassed (${postsPassed}) cannot exceed postsAssessed (${postsAssessed})`,
      [
        {
          path: 'postsPassed',
          message: `must be ≤ postsAssessed (${postsAssessed})`,
        },
      ],
    ),
  modelPrerequisitesUnmet: (uscc: string, missing: ErrorDetail[]) =>
    new EnterpriseError(
      'MODEL_DESIGNATION_PREREQUISITES_UNMET',
      `Enterprise ${uscc} cannot be designated a model enterprise: ${missing.map((m) => m.message).join('; ')}`,
      missing,
    ),
  modelAlreadyDesignated: (uscc: string) =>
    new EnterpriseError(
      'MODEL_ALREADY_DESIGNATED',
      `Enterprise ${uscc} is already a model enterprise`,
    ),
  modelNotDesignated: (uscc: string) =>
    new EnterpriseError(
      'MODEL_NOT_DESIGNATED',
      `Enterprise ${uscc} is not a model enterprise`,
    ),
};
