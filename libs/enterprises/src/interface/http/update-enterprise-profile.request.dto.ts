import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

/** Profile changes; the zone changes only through zone-reassignments. */
export class UpdateEnterpriseProfileRequestDto extends CommandRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  township?: string;

  @ApiPropertyOptional({ example: 'C3311' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-T](\d{2}|\d{3}|\d{4})?$/, {
    message: 'industryCode must be a GB/T 4754-2017 code',
  })
  industryCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  aboveDesignatedSize?: boolean;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  headcount?: number;
}
