import {
  CodedDomainError,
  type DomainErrorKind,
  type ErrorDetail,
} from '@app/shared-kernel';

/**
 * A whole HR batch refused before any record is read: too many records, a media type that is neither JSON nor
 * CSV, a CSV header that cannot be read. The api's one problem-details filter maps the kind to 413, 415 or 400.
 */
export type FeedBatchRejectionCode =
  | 'FEED_BATCH_TOO_LARGE'
  | 'FEED_BATCH_MEDIA_TYPE_UNSUPPORTED'
  | 'FEED_CSV_HEADER_INVALID';

const KIND: Record<FeedBatchRejectionCode, DomainErrorKind> = {
  FEED_BATCH_TOO_LARGE: 'too-large',
  FEED_BATCH_MEDIA_TYPE_UNSUPPORTED: 'unsupported-media-type',
  FEED_CSV_HEADER_INVALID: 'invalid',
};

export class FeedBatchRejectedError extends CodedDomainError<FeedBatchRejectionCode> {
  constructor(
    code: FeedBatchRejectionCode,
    message: string,
    details: ErrorDetail[] = [],
  ) {
    super(code, KIND, message, details);
  }
}
