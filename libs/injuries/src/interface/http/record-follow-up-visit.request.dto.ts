import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';
import { AccidentTypeRequestDto } from '@app/reference-data/nest';
import {
  ROOT_CAUSE_CATEGORIES,
  type RootCauseCategory,
} from '../../domain/injury-case.events.js';

export class CauseAnalysisRequestDto {
  @ApiProperty({
    type: AccidentTypeRequestDto,
    description: 'GB 6441 type as the officer classifies it',
  })
  // ValidateNested alone lets an absent object through to the handler (a 500 before this).
  @IsDefined()
  @ValidateNested()
  @Type(() => AccidentTypeRequestDto)
  accidentType: AccidentTypeRequestDto;

  @ApiProperty({ type: [String], example: ['模具防护罩缺失'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  directCauses: string[];

  @ApiProperty({
    enum: ROOT_CAUSE_CATEGORIES,
    isArray: true,
    example: ['unsafe-condition', 'management-defect'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROOT_CAUSE_CATEGORIES, { each: true })
  rootCauses: RootCauseCategory[];

  @ApiProperty({ example: '冲压机防护装置被拆除后未恢复' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  narrative: string;
}

/** POST /injury-cases/:claimId/follow-up-visits — the officer is the acting user (docs/decisions/0014). */
export class RecordFollowUpVisitRequestDto extends CommandRequestDto {
  @ApiProperty({ type: CauseAnalysisRequestDto })
  // ValidateNested alone lets an absent object through to the handler (a 500 before this).
  @IsDefined()
  @ValidateNested()
  @Type(() => CauseAnalysisRequestDto)
  causeAnalysis: CauseAnalysisRequestDto;

  @ApiProperty({ type: [String], example: ['恢复防护罩并每班点检'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  recommendations: string[];
}
