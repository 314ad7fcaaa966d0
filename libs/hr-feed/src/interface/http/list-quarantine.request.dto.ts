import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReadRequestDto } from '@app/api-conventions';
import { isoWeekSource } from '@app/shared-kernel';

export class ListQuarantineRequestDto extends ReadRequestDto {
  @ApiPropertyOptional({
    example: '2024-W35',
    description:
      "An ISO week, or 'unknown' for records whose week could not be read",
  })
  @IsOptional()
  @Matches(new RegExp(`^(${isoWeekSource()}|unknown)$`), {
    message: "feedWeek must be an ISO week YYYY-Www or 'unknown'",
  })
  feedWeek?: string;
}
