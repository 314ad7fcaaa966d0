import {
  CodedDomainError,
  type DomainErrorKind,
  type ErrorDetail,
} from '@app/shared-kernel';

export type AccidentErrorCode =
  | 'ACCIDENT_INVALID'
  | 'ACCIDENT_NOT_FOUND'
  | 'ACCIDENT_ALREADY_REPORTED'
  | 'ACCIDENT_CASUALTIES_UNCHANGED'
  | 'ACCIDENT_TYPE_UNKNOWN'
  | 'ACCIDENT_TYPE_STANDARD_SUPERSEDED'
  | 'ACCIDENT_ZONE_REQUIRED'
  | 'ACCIDENT_ZONE_UNKNOWN'
  | 'ACCIDENT_ZONE_MISMATCH';

const KIND: Record<AccidentErrorCode, DomainErrorKind> = {
  ACCIDENT_INVALID: 'invalid',
  ACCIDENT_NOT_FOUND: 'not-found',
  ACCIDENT_ALREADY_REPORTED: 'conflict',
  ACCIDENT_CASUALTIES_UNCHANGED: 'conflict',
  ACCIDENT_TYPE_UNKNOWN: 'invalid',
  ACCIDENT_TYPE_STANDARD_SUPERSEDED: 'invalid',
  ACCIDENT_ZONE_REQUIRED: 'invalid',
  ACCIDENT_ZONE_UNKNOWN: 'invalid',
  ACCIDENT_ZONE_MISMATCH: 'conflict',
};

export class AccidentError extends CodedDomainError<AccidentErrorCode> {
  constructor(
    code: AccidentErrorCode,
    message: string,
    details: ErrorDetail[] = [],
  ) {
    super(code, KIND, message, details);
  }
}
