import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Base of every query string DTO: read-your-writes (spec/http-api.md). */
export class ReadRequestDto {
  @ApiPropertyOptional({ description: 'Wait (≤ 5 s) until the read models reach this global position' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'minPosition must be a whole number' })
  minPosition?: string;
}
