import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

export const MAX_AUDIT_PAGE = 1000;

/** GET /audit/events: the log in global order, filtered. */
export class AuditEventsRequestDto {
  @ApiPropertyOptional({
    description:
      'The events after this global position (exclusive): the nextAfter of the previous page',
  })
  @IsOptional()
  @Matches(/^\d{1,20}$/, {
    message: 'after must be a global position (a whole number)',
  })
  after?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: MAX_AUDIT_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Event type; several separated by commas',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  type?: string;

  @ApiPropertyOptional({ description: 'Exact stream name' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  stream?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  correlationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  actor?: string;

  @ApiPropertyOptional({
    description: 'recordedAt at or after this instant (ISO 8601)',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'recordedFrom must be an ISO 8601 instant' },
  )
  recordedFrom?: string;

  @ApiPropertyOptional({
    description: 'recordedAt at or before this instant (ISO 8601)',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'recordedTo must be an ISO 8601 instant' },
  )
  recordedTo?: string;
}

export class AuditExportRequestDto {
  @ApiPropertyOptional({
    description: 'Export one stream instead of the whole log',
  })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  stream?: string;
}

/** POST /audit/checkpoints and /audit/replays take no input: any member is refused. */
export class AuditActionRequestDto {}
