import { ReadRequestDto } from '@app/api-conventions';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** ReadRequestDto: minPosition gives read-your-writes here as on every other read. */
export class ListAccidentsRequestDto extends ReadRequestDto {
  @ApiPropertyOptional({
    description: 'Asia/Shanghai date, inclusive',
    example: '2024-01-01',
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({
    description: 'Asia/Shanghai date, inclusive',
    example: '2024-08-31',
  })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  zoneId?: string;
}
