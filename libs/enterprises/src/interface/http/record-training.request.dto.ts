import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, Min } from 'class-validator';
import {
  TRAINING_AUDIENCES,
  type TrainingAudience,
} from '../../domain/enterprise.events.js';
import { ClientChosenId, CommandRequestDto } from '@app/api-conventions';

export class RecordTrainingRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: TRAINING_AUDIENCES })
  @IsIn(TRAINING_AUDIENCES)
  audience: TrainingAudience;

  @ApiProperty({ example: 60, minimum: 0 })
  @IsInt()
  @Min(0)
  attendees: number;

  @ApiProperty({ example: 2, minimum: 0 })
  @IsNumber()
  @Min(0)
  hours: number;

  @ApiProperty({
    example: 60,
    minimum: 0,
    description: 'Guidance booklets handed out',
  })
  @IsInt()
  @Min(0)
  bookletsDistributed: number;

  @ClientChosenId()
  sessionId?: string;
}
