import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ADOPTION_STAGES, type AdoptionStage } from '../../domain/adoption-stage.js';

export class ListEnterprisesRequestDto {
  @ApiPropertyOptional({ example: 'zone-1' })
  @IsOptional()
  @IsString()
  zoneId?: string;

  @ApiPropertyOptional({ enum: ADOPTION_STAGES })
  @IsOptional()
  @IsIn(ADOPTION_STAGES)
  stage?: AdoptionStage;

  @ApiPropertyOptional({ description: 'Text search on name or USCC' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;

  /** Read-your-writes wait, handled by the app (spec/http-api.md). */
  @ApiPropertyOptional({ description: 'Wait (≤ 5 s) until the read model reached this global position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}
