/**
 * Base of every rule violation raised by domain or application code. It carries a stable, machine
 * readable `code` and no HTTP knowledge: the api's exception filter maps `kind` to a status.
 */
export type DomainErrorKind =
  | 'invalid' // the input is malformed (400)
  | 'not-found' // the thing named does not exist (404)
  | 'conflict' // a business rule forbids it in the current state (409)
  | 'stale' // optimistic concurrency: the caller's version is out of date (412)
  | 'unauthenticated' // no valid bearer token (401)
  | 'forbidden' // the actor may not do this (403)
  | 'too-large' // more than the operation accepts at once (413)
  | 'unsupported-media-type'; // input in a format the operation does not read (415)

export interface ErrorDetail {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  readonly details: ErrorDetail[];

  constructor(message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/**
 * A context's errors: its codes are a closed union and a table gives each code its kind, so a code cannot be
 * misspelt and always answers with the same status (docs/decisions/0261).
 */
export abstract class CodedDomainError<
  Code extends string,
> extends DomainError {
  readonly kind: DomainErrorKind;

  protected constructor(
    readonly code: Code,
    kinds: Readonly<Record<Code, DomainErrorKind>>,
    message: string,
    details: ErrorDetail[] = [],
  ) {
    super(message, details);
    this.kind = kinds[code];
  }
}

/**
 * A rule violation described entirely by data, for the cross-cutting HTTP and access rules that belong to no
 * context (idempotency keys, tokens, query parameters).
 */
export class RuleViolation extends DomainError {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    details: ErrorDetail[] = [],
  ) {
    super(message, details);
  }
}
