import {
  CodedDomainError,
  type DomainErrorKind,
  type ErrorDetail,
} from '@app/shared-kernel';

/** Every rule of the InjuryCase aggregate fails with one of these stable codes. */
export type InjuryCaseErrorCode =
  | 'INJURY_CASE_NOT_FOUND'
  | 'INJURY_CASE_WITHDRAWN'
  | 'INJURY_CASE_CLOSED'
  | 'INJURY_CASE_INVALID'
  | 'FOLLOW_UP_VISIT_ALREADY_RECORDED'
  | 'FOLLOW_UP_VISIT_REQUIRED'
  | 'FOLLOW_UP_VISIT_PENDING'
  | 'RECTIFICATION_ALREADY_ORDERED'
  | 'RECTIFICATION_NOT_ORDERED'
  | 'RECTIFICATION_ITEM_NOT_FOUND'
  | 'RECTIFICATION_ITEM_ALREADY_COMPLETED'
  | 'RECTIFICATION_ITEMS_INCOMPLETE'
  | 'RECTIFICATION_ALREADY_VERIFIED'
  | 'RECTIFICATION_NOT_VERIFIED'
  | 'CLOSURE_REASON_REQUIRED';

const KIND: Record<InjuryCaseErrorCode, DomainErrorKind> = {
  INJURY_CASE_NOT_FOUND: 'not-found',
  INJURY_CASE_WITHDRAWN: 'conflict',
  INJURY_CASE_CLOSED: 'conflict',
  INJURY_CASE_INVALID: 'invalid',
  FOLLOW_UP_VISIT_ALREADY_RECORDED: 'conflict',
  FOLLOW_UP_VISIT_REQUIRED: 'conflict',
  FOLLOW_UP_VISIT_PENDING: 'conflict',
  RECTIFICATION_ALREADY_ORDERED: 'conflict',
  RECTIFICATION_NOT_ORDERED: 'conflict',
  RECTIFICATION_ITEM_NOT_FOUND: 'not-found',
  RECTIFICATION_ITEM_ALREADY_COMPLETED: 'conflict',
  RECTIFICATION_ITEMS_INCOMPLETE: 'conflict',
  RECTIFICATION_ALREADY_VERIFIED: 'conflict',
  RECTIFICATION_NOT_VERIFIED: 'conflict',
  CLOSURE_REASON_REQUIRED: 'conflict',
};

export class InjuryCaseError extends CodedDomainError<InjuryCaseErrorCode> {
  constructor(
    code: InjuryCaseErrorCode,
    message: string,
    details: ErrorDetail[] = [],
  ) {
    super(code, KIND, message, details);
  }
}
