import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
} from 'class-validator';
import { PageRequestDto } from '@app/api-conventions';
import { ISO_WEEK_PATTERN } from '@app/shared-kernel';
import {
  INJURY_CASE_STATUSES,
  type InjuryCaseStatus,
} from '../../domain/injury-case-status.js';

export class ListInjuryCasesRequestDto extends PageRequestDto {
  @ApiPropertyOptional({
    example: 'zone-2',
    description: "A zone id, or 'unassigned'",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  zoneId?: string;

  @ApiPropertyOptional({ enum: INJURY_CASE_STATUSES })
  @IsOptional()
  @IsIn(INJURY_CASE_STATUSES)
  status?: InjuryCaseStatus;

  @ApiPropertyOptional({
    example: '2024-W35',
    description: 'Week the declaration first arrived',
  })
  @IsOptional()
  @Matches(ISO_WEEK_PATTERN, {
    message: 'feedWeek must be an ISO week YYYY-Www',
  })
  feedWeek?: string;
}
