import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import type { ErrorDetail } from '@app/shared-kernel';

/** A request that breaks its DTO's rules; the filter answers 400 REQUEST_VALIDATION_FAILED. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly errors: ErrorDetail[]) {
    super('The request is not valid');
  }
}

/** Flattens class-validator's tree into `{path, message}` pairs with JSON-pointer-like paths. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): ErrorDetail[] {
  return errors.flatMap((error) => {
    const path = `${parent}/${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      path,
      message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/**
 * Bodies, as the OpenAPI document states them (docs/decisions/0193): a request without a body is
 * validated as `{}`, so its required properties are missing (400) rather than skipped; a top-level
 * `null` means "not given", as for an optional property left out (no command gives null a meaning).
 */
class BodyValidationPipe extends ValidationPipe {
  override transform(
    value: unknown,
    metadata: ArgumentMetadata,
  ): Promise<unknown> {
    if (metadata.type !== 'body') return super.transform(value, metadata);
    if (value === undefined) return super.transform({}, metadata);
    // A DTO describes an object: an array or a bare string, number or boolean is not one, and
    // class-validator would otherwise let an array through with nothing to check.
    if (
      value !== null &&
      isDtoClass(metadata.metatype) &&
      (typeof value !== 'object' || Array.isArray(value))
    ) {
      throw new RequestValidationException([
        { path: '', message: 'the request body must be a JSON object' },
      ]);
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      value = Object.fromEntries(
        Object.entries(value).filter(([, item]) => item !== null),
      );
    }
    return super.transform(value, metadata);
  }
}

const NOT_DTOS: ReadonlySet<unknown> = new Set([
  String,
  Number,
  Boolean,
  Object,
  Array,
]);
function isDtoClass(metatype: ArgumentMetadata['metatype']): boolean {
  return typeof metatype === 'function' && !NOT_DTOS.has(metatype);
}

/** The global pipe of docs/conventions.md §10. */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new RequestValidationException(flattenValidationErrors(errors)),
  });
}
