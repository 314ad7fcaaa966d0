import { applyDecorators, Controller, HttpCode } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CommandAcceptedResponse } from './command-request.dto.js';
import { ReadModels } from './read-models.decorator.js';

/**
 * A controller whose POST, PATCH and DELETE routes are commands (docs/http-api.md): its path is its
 * OpenAPI tag, every route takes the optional Idempotency-Key and answers bad input as problem
 * details, and its GETs serve the named read models (see ReadModels).
 */
export function CommandController(
  path: string,
  ...readModels: string[]
): ClassDecorator {
  return applyDecorators(
    ApiTags(path),
    ApiHeader({ name: 'Idempotency-Key', required: false }),
    ApiBadRequestResponse({
      description: 'Invalid input (problem details with a stable code)',
    }),
    ReadModels(...readModels),
    Controller(path),
  );
}

export interface CommandEndpointOptions {
  summary: string;
  /** 200 for a command that creates nothing (a PATCH, a DELETE); 201 otherwise. */
  status?: 200 | 201;
  /** What the accepted answer carries beyond the stream positions. */
  answers?: string;
  /** The codes answered 404 and 409, as the operation's documentation lists them. */
  notFound?: string;
  conflict?: string;
  /** False for a command that starts its stream: there is no version to match. */
  ifMatch?: boolean;
}

/**
 * The documented answers of one command route: CommandAcceptedResponse with its status, If-Match
 * (read by CommandMeta as the expected stream version) and its 412, and the route's own 404/409 codes.
 */
export function CommandEndpoint(
  options: CommandEndpointOptions,
): MethodDecorator {
  const accepted = {
    type: CommandAcceptedResponse,
    ...(options.answers ? { description: options.answers } : {}),
  };
  const decorators = [ApiOperation({ summary: options.summary })];
  if (options.status === 200)
    decorators.push(HttpCode(200), ApiOkResponse(accepted));
  else decorators.push(ApiCreatedResponse(accepted));
  if (options.ifMatch !== false)
    decorators.push(
      ApiHeader({
        name: 'If-Match',
        required: false,
        description:
          'Stream position last seen; 412 STREAM_VERSION_CONFLICT when stale',
      }),
      ApiPreconditionFailedResponse({ description: 'STREAM_VERSION_CONFLICT' }),
    );
  if (options.notFound)
    decorators.push(ApiNotFoundResponse({ description: options.notFound }));
  if (options.conflict)
    decorators.push(ApiConflictResponse({ description: options.conflict }));
  return applyDecorators(...decorators);
}
