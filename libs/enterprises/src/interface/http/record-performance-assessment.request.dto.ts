import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Min } from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class RecordPerformanceAssessmentRequestDto extends CommandRequestDto {
  @ApiProperty({
    example: '2024-Q2',
    description: 'YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn',
  })
  @Matches(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/, {
    message: 'period must be YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn',
  })
  period: string;

  @ApiProperty({ example: 40, minimum: 0 })
  @IsInt()
  @Min(0)
  postsAssessed: number;

  @ApiProperty({ example: 36, minimum: 0, description: '≤ postsAssessed' })
  @IsInt()
  @Min(0)
  postsPassed: number;

  @ApiProperty({ example: 5, minimum: 0, description: 'Rewards given (count)' })
  @IsInt()
  @Min(0)
  rewards: number;

  @ApiProperty({
    example: 2,
    minimum: 0,
    description: 'Penalties given (count)',
  })
  @IsInt()
  @Min(0)
  penalties: number;

  @ApiProperty({ example: 14, minimum: 0 })
  @IsInt()
  @Min(0)
  hazardsReportedByStaff: number;
}
