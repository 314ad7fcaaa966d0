import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { COHORTS, type Cohort } from '../../domain/enterprise.events.js';
import { CommandRequestDto } from '@app/api-conventions';

export class EnrollInResponsibilityProgramRequestDto extends CommandRequestDto {
  @ApiProperty({
    enum: COHORTS,
    description: 'pilot (2023 试点) or rollout (全面推开)',
  })
  @IsIn(COHORTS)
  cohort: Cohort;
}
