import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageRequestDto } from '@app/api-conventions';
import {
  ADOPTION_STAGES,
  type AdoptionStage,
} from '../../domain/adoption-stage.js';

export class ListEnterprisesRequestDto extends PageRequestDto {
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
}
