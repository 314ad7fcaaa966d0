import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ClientChosenId, CommandRequestDto } from '@app/api-conventions';

export class RecordGuidanceVisitRequestDto extends CommandRequestDto {
  @ApiProperty({ example: '岗位责任清单未覆盖仓储岗位' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  findings: string;

  @ApiProperty({ example: '两周内补齐仓储岗位清单并公示' })
  @IsString()
  @MaxLength(5000)
  nextSteps: string;

  @ApiPropertyOptional({
    description:
      'Visiting officer; defaults to the assigned officer, else the actor',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  officerId?: string;

  @ClientChosenId()
  visitId?: string;
}
