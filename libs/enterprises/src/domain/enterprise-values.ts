import { industryCodeProblem } from '@app/reference-data';
import { EnterpriseErrors } from './enterprise.errors.js';

/** The reference-data lists a rule needs are passed in; the domain never looks them up itself. */
export interface ZoneRef {
  id: string;
}

/** The single values the Enterprise's commands carry, each checked here and returned as recorded. */
export const requireText = (value: unknown, path: string): string => {
  if (typeof value !== 'string' || value.trim() === '')
    throw EnterpriseErrors.textRequired(path);
  return value.trim();
};
export const requireCount = (value: number, path: string): number => {
  if (!Number.isInteger(value) || value < 0)
    throw EnterpriseErrors.countInvalid(path, value);
  return value;
};
export const requireNonNegative = (value: number, path: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw EnterpriseErrors.numberInvalid(path, value);
  return value;
};
export const requireHeadcount = (value: number, path = 'headcount'): number => {
  if (!Number.isInteger(value) || value <= 0)
    throw EnterpriseErrors.headcountNotPositive(value, path);
  return value;
};
export const requireIndustryCode = (code: string): string => {
  const problem = industryCodeProblem(code);
  if (problem) throw EnterpriseErrors.industryCodeInvalid(problem);
  return code;
};
export const requireZone = (
  zoneId: string,
  zones: readonly ZoneRef[],
  path: string,
): string => {
  if (!zones.some((z) => z.id === zoneId))
    throw EnterpriseErrors.zoneUnknown(zoneId, path);
  return zoneId;
};

const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** When a zone reassignment took effect: required, an ISO instant with its offset. */
export const requireEffectiveAt = (value: string | undefined): string => {
  if (value === undefined || value === '')
    throw EnterpriseErrors.effectiveAtRequired();
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value)))
    throw EnterpriseErrors.effectiveAtInvalid(value);
  return value;
};
