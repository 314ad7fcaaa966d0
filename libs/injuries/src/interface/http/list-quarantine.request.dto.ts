import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReadRequestDto } from '@app/api-conventions';

export class ListQuarantineRequestDto extends ReadRequestDto {
  @ApiPropertyOptional({ example: '2024-W35', description: "An ISO week, or 'unknown' for records whose week could not be read" })
  @IsOptional()
  @Matches(/^([0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])|unknown)$/, { message: "feedWeek must be an ISO week YYYY-Www or 'unknown'" })
  feedWeek?: string;
}
