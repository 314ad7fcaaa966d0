import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ErrorDetail } from '@app/shared-kernel';

/** A request that breaks its DTO's rules; the filter answers 400 REQUEST_VALIDATION_FAILED. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly errors: ErrorDetail[]) {
    super('The request is not valid');
  }
}

/** Flattens class-validator's tree into `{path, message}` pairs with JSON-pointer-like paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const path = `${parent}/${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/** The global pipe of conventions §10. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
  });
}
