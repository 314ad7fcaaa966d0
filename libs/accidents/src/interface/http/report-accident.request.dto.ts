import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class AccidentTypeRequestDto {
  @ApiProperty({ enum: ['GB6441-2025', 'GB6441-86'] })
  @IsIn(['GB6441-2025', 'GB6441-86'])
  standard: 'GB6441-2025' | 'GB6441-86';

  @ApiProperty({ example: '09' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  code: string;
}

export class ReportAccidentRequestDto {
  @ApiPropertyOptional({ description: 'Generated when absent' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
  accidentId?: string;

  @ApiPropertyOptional({ description: '统一社会信用代码; the zone is then the enterprise’s' })
  @IsOptional()
  @IsString()
  uscc?: string;

  @ApiPropertyOptional({ description: 'Required when no registered enterprise is given' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  zoneId?: string;

  @ApiProperty({ example: '2024-05-10T14:20:00+08:00' })
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ type: AccidentTypeRequestDto })
  @ValidateNested()
  @Type(() => AccidentTypeRequestDto)
  accidentType: AccidentTypeRequestDto;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  deaths: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  seriousInjuries: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  minorInjuries: number;

  @ApiProperty({ minimum: 0, description: '直接经济损失, yuan' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  directLossYuan: number;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description: string;

  @ApiPropertyOptional({ description: 'Ignored: an accident’s effectiveAt is its occurredAt' })
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveAt?: string;
}
