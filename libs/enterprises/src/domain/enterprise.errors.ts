import { RuleViolation, type ErrorDetail } from '@app/shared-kernel';

/**
 * Domain errors of the Enterprise context: stable codes, no HTTP knowledge (the api's filter maps
 * `kind` to a status: invalid 400, not-found 404, conflict 409).
 */
export class EnterpriseError extends RuleViolation {}

const invalid = (code: string, message: string, path: string) =>
  new EnterpriseError(code, 'invalid', message, [{ path, message }]);

export const EnterpriseErrors = {
  notFound: (uscc: string) =>
    new EnterpriseError('ENTERPRISE_NOT_FOUND', 'not-found', `Enterprise ${uscc} is not registered`),
  alreadyRegistered: (uscc: string) =>
    new EnterpriseError('ENTERPRISE_ALREADY_REGISTERED', 'conflict', `Enterprise ${uscc} is already registered`),
  zoneUnknown: (zoneId: string, path = 'zoneId') =>
    invalid('ZONE_UNKNOWN', `Zone '${zoneId}' is not a configured zone`, path),
  /** `problem` says why (format, or a division outside its section), from reference data. */
  industryCodeInvalid: (problem: string, path = 'industryCode') => invalid('INDUSTRY_CODE_INVALID', problem, path),
  headcountNotPositive: (headcount: number, path = 'headcount') =>
    invalid('HEADCOUNT_NOT_POSITIVE', `Headcount must be a whole number greater than 0; got ${headcount}`, path),
  periodInvalid: (period: string, expected: string, path = 'period') =>
    invalid('PERIOD_INVALID', `'${period}' is not a valid period (${expected})`, path),
  effectiveAtRequired: () =>
    invalid('EFFECTIVE_AT_REQUIRED', 'effectiveAt (an ISO instant) is required for this command', 'effectiveAt'),
  effectiveAtInvalid: (value: string) =>
    invalid('EFFECTIVE_AT_INVALID', `effectiveAt '${value}' is not an ISO 8601 instant`, 'effectiveAt'),
  textRequired: (path: string) => invalid('VALUE_REQUIRED', `${path} is required`, path),
  countInvalid: (path: string, value: number) =>
    invalid('COUNT_INVALID', `${path} must be a whole number ≥ 0; got ${value}`, path),
  numberInvalid: (path: string, value: number) =>
    invalid('NUMBER_INVALID', `${path} must be a number ≥ 0; got ${value}`, path),
  cohortInvalid: (cohort: string) => invalid('COHORT_INVALID', `Cohort '${cohort}' is not pilot or rollout`, 'cohort'),
  audienceInvalid: (audience: string) =>
    invalid('AUDIENCE_INVALID', `Audience '${audience}' is not principal, manager or employee`, 'audience'),
  notEnrolled: (uscc: string) =>
    new EnterpriseError(
      'ENTERPRISE_NOT_ENROLLED',
      'conflict',
      `Enterprise ${uscc} is not enrolled in the responsibility programme`,
    ),
  alreadyEnrolled: (uscc: string, cohort: string) =>
    new EnterpriseError(
      'ENTERPRISE_ALREADY_ENROLLED',
      'conflict',
      `Enterprise ${uscc} is already enrolled (cohort ${cohort})`,
    ),
  componentUnknown: (component: string, known: readonly string[]) =>
    new EnterpriseError(
      'COMPONENT_UNKNOWN',
      'invalid',
      `'${component}' is not a configured responsibility-system component (known: ${known.join(', ')})`,
      [{ path: 'component', message: `unknown component '${component}'` }],
    ),
  componentAlreadyEstablished: (component: string) =>
    new EnterpriseError(
      'COMPONENT_ALREADY_ESTABLISHED',
      'conflict',
      `Component '${component}' is already established`,
    ),
  postsCoveredExceedTotal: (postsCovered: number, postsTotal: number) =>
    new EnterpriseError(
      'POSTS_COVERED_EXCEED_TOTAL',
      'invalid',
      `postsCovered (${postsCovered}) cannot exceed postsTotal (${postsTotal})`,
      [{ path: 'postsCovered', message: `must be ≤ postsTotal (${postsTotal})` }],
    ),
  postsPassedExceedAssessed: (postsPassed: number, postsAssessed: number) =>
    new EnterpriseError(
      'POSTS_PASSED_EXCEED_ASSESSED',
      'invalid',
      `postsPassed (${postsPassed}) cannot exceed postsAssessed (${postsAssessed})`,
      [{ path: 'postsPassed', message: `must be ≤ postsAssessed (${postsAssessed})` }],
    ),
  modelPrerequisitesUnmet: (uscc: string, missing: ErrorDetail[]) =>
    new EnterpriseError(
      'MODEL_DESIGNATION_PREREQUISITES_UNMET',
      'conflict',
      `Enterprise ${uscc} cannot be designated a model enterprise: ${missing.map((m) => m.message).join('; ')}`,
      missing,
    ),
  modelAlreadyDesignated: (uscc: string) =>
    new EnterpriseError('MODEL_ALREADY_DESIGNATED', 'conflict', `Enterprise ${uscc} is already a model enterprise`),
  modelNotDesignated: (uscc: string) =>
    new EnterpriseError('MODEL_NOT_DESIGNATED', 'conflict', `Enterprise ${uscc} is not a model enterprise`),
};
