import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, Matches, Min } from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class ReportHeadcountRequestDto extends CommandRequestDto {
  @ApiProperty({ example: '2024-08', description: 'Month, YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, {
    message: 'period must be a month YYYY-MM',
  })
  period: string;

  @ApiProperty({ example: 130, minimum: 1 })
  @IsInt()
  @Min(1)
  headcount: number;

  @ApiPropertyOptional({ example: 22880, minimum: 0 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  hoursWorked?: number;
}
