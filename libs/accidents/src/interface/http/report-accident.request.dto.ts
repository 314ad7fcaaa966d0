import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
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
import { AccidentTypeRequestDto } from '@app/reference-data/nest';
import { CasualtiesRequestDto } from './revise-accident-casualties.request.dto.js';

/** An accident's effectiveAt is its occurredAt; a body's effectiveAt is accepted and ignored. */
export class ReportAccidentRequestDto extends CasualtiesRequestDto {
  @ApiPropertyOptional({ description: 'Generated when absent' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
  accidentId?: string;

  @ApiPropertyOptional({
    description: '统一社会信用代码; the zone is then the enterprise’s',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/, {
    message: 'uscc must be an 18-character unified social credit code',
  })
  uscc?: string;

  @ApiPropertyOptional({
    description: 'Required when no registered enterprise is given',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  zoneId?: string;

  @ApiProperty({ example: '2024-05-10T14:20:00+08:00' })
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ type: AccidentTypeRequestDto })
  // ValidateNested alone lets an absent object through to the handler (a 500 before this).
  @IsDefined()
  @ValidateNested()
  @Type(() => AccidentTypeRequestDto)
  accidentType: AccidentTypeRequestDto;

  @ApiProperty({ minimum: 0, description: '直接经济损失, yuan' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  directLossYuan: number;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description: string;
}
