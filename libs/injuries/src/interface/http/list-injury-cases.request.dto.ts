import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ReadRequestDto } from '@app/api-conventions';
import { INJURY_CASE_STATUSES, type InjuryCaseStatus } from '../../domain/injury-case.aggregate.js';
import { FEED_WEEK_PATTERN } from './submit-feed-batch.request.dto.js';

export class ListInjuryCasesRequestDto extends ReadRequestDto {
  @ApiPropertyOptional({ example: 'zone-2', description: "A zone id, or 'unassigned'" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  zoneId?: string;

  @ApiPropertyOptional({ enum: INJURY_CASE_STATUSES })
  @IsOptional()
  @IsIn(INJURY_CASE_STATUSES)
  status?: InjuryCaseStatus;

  @ApiPropertyOptional({ example: '2024-W35', description: 'Week the declaration first arrived' })
  @IsOptional()
  @Matches(FEED_WEEK_PATTERN, { message: 'feedWeek must be an ISO week YYYY-Www' })
  feedWeek?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}
