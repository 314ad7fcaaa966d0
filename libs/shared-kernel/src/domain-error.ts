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
  | 'forbidden'; // the actor may not do this (403)

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

/** A rule violation described entirely by data; handy where one class per code would be noise. */
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
