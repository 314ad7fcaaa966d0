import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * A command body's optional id of what it records (a visit, a session), chosen by the client so that a
 * retry records nothing new; the controller generates one when it is absent.
 */
export function ClientChosenId(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description:
        'Client-chosen id; a retry with the same id records nothing new',
    }),
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(100),
  );
}
