import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
} from 'class-validator';
import { PageRequestDto, ReadRequestDto } from '@app/api-conventions';
import { isoWeekSource } from '@app/shared-kernel';
import {
  ACCIDENT_FIGURES,
  type AccidentFigure,
} from '../../domain/accident-reduction.js';
import {
  COMPETITION_INDICATORS,
  type CompetitionIndicator,
} from '../../domain/zone-competition.js';
import {
  WEEKLY_COUNTS,
  type WeeklyCount,
} from '../../domain/weekly-injuries.js';

// Years 1900–2099: the calendar arithmetic behind the figures has no year 0 (month=0000-01 was a 500).
const DATE = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;
const WEEK = new RegExp(`^${isoWeekSource('(19|20)[0-9]{2}')}$`);

/** Every report and its facts can be asked as the figure stood at an instant. */
const AsRecordedAt = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      example: '2024-09-05T00:00:00+08:00',
      description:
        'Count only what had been recorded by this instant: the figure as it stood then',
    }),
    IsOptional(),
    IsISO8601({ strict: true }),
  );

export class AccidentReductionRequestDto extends ReadRequestDto {
  @ApiProperty({
    example: '2024-01-01',
    description: 'First day of the period (Asia/Shanghai), inclusive',
  })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({
    example: '2024-08-31',
    description: 'Last day of the period (Asia/Shanghai), inclusive',
  })
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ example: 'zone-1' })
  @IsOptional()
  @IsString()
  zoneId?: string;

  @AsRecordedAt()
  asRecordedAt?: string;
}

export class AccidentReductionFactsRequestDto extends PageRequestDto {
  @ApiProperty({ enum: ACCIDENT_FIGURES, example: 'deaths' })
  @IsIn(ACCIDENT_FIGURES)
  figure: AccidentFigure;

  @ApiPropertyOptional({ enum: ['current', 'previous'], default: 'current' })
  @IsOptional()
  @IsIn(['current', 'previous'])
  period?: 'current' | 'previous';

  @ApiProperty({ example: '2024-01-01' })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2024-08-31' })
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ example: 'zone-1' })
  @IsOptional()
  @IsString()
  zoneId?: string;

  @AsRecordedAt()
  asRecordedAt?: string;
}

export class ZoneCompetitionRequestDto extends ReadRequestDto {
  @ApiProperty({ example: '2024-08' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month: string;

  @AsRecordedAt()
  asRecordedAt?: string;
}

export class ZoneCompetitionFactsRequestDto extends PageRequestDto {
  @ApiProperty({ example: '2024-08' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month: string;

  @ApiProperty({ example: 'zone-1' })
  @IsString()
  zoneId: string;

  @ApiProperty({ enum: COMPETITION_INDICATORS, example: 'enrolledRate' })
  @IsIn(COMPETITION_INDICATORS)
  indicator: CompetitionIndicator;

  @AsRecordedAt()
  asRecordedAt?: string;
}

export class WeeklyInjuriesRequestDto extends ReadRequestDto {
  @ApiProperty({ example: '2024-W36', description: 'ISO feed week' })
  @Matches(WEEK, { message: 'week must be an ISO week YYYY-Www' })
  week: string;

  @AsRecordedAt()
  asRecordedAt?: string;
}

export class WeeklyInjuriesFactsRequestDto extends PageRequestDto {
  @ApiProperty({ example: '2024-W36' })
  @Matches(WEEK, { message: 'week must be an ISO week YYYY-Www' })
  week: string;

  @ApiProperty({ enum: WEEKLY_COUNTS, example: 'received' })
  @IsIn(WEEKLY_COUNTS)
  count: WeeklyCount;

  @AsRecordedAt()
  asRecordedAt?: string;
}
