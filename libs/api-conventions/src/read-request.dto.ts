import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';

/** Base of every query string DTO: read-your-writes (docs/http-api.md). */
export class ReadRequestDto {
  @ApiPropertyOptional({
    description:
      'Wait (≤ 5 s) until the read models reach this global position',
  })
  @IsOptional()
  @Matches(/^\d{1,24}$/, { message: 'minPosition must be a whole number' })
  minPosition?: string;
}

/** Largest page any list answers. */
export const MAX_PAGE_SIZE = 200;

/** Highest page number a list accepts: beyond it the offset would leave the range databases index (a 400, not a 500). */
export const MAX_PAGE = 100_000;

/** Base of every paged list's query string. */
export class PageRequestDto extends ReadRequestDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({
    description: 'Rows per page (the list names its default)',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

/** One entity's view "as recorded at" an instant: replayed from the events recorded by then. */
export class AsRecordedAtRequestDto extends ReadRequestDto {
  @ApiPropertyOptional({
    description:
      'The view as it stood at this instant (ISO 8601): only events recorded by then count',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'asRecordedAt must be an ISO 8601 instant' },
  )
  asRecordedAt?: string;
}
