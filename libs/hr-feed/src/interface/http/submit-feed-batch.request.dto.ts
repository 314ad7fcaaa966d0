import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { ISO_WEEK_PATTERN } from '@app/shared-kernel';

export class FeedBatchManifestRequestDto {
  @ApiProperty({
    example: 2,
    minimum: 0,
    description: 'How many declarations HR sent for the week',
  })
  @IsInt()
  @Min(0)
  expectedCount: number;

  @ApiPropertyOptional({
    type: [String],
    example: ['XX-2024-000123', 'XX-2024-000124'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100_000)
  @IsString({ each: true })
  claimIds?: string[];
}

/**
 * JSON form of POST /hr-feed/batches. `records` items are NOT validated here: each one is validated
 * against hr-injury-declaration.v1 or .v2 (by its schemaVersion) on ingestion, and a bad one is quarantined with its reasons
 * instead of failing the batch.
 */
export class SubmitFeedBatchRequestDto {
  @ApiProperty({
    example: '2024-W35',
    description:
      'ISO week of the batch; a record of another week is quarantined',
  })
  @IsString()
  @Matches(ISO_WEEK_PATTERN, {
    message: 'feedWeek must be an ISO week YYYY-Www',
  })
  feedWeek: string;

  @ApiProperty({
    type: 'array',
    // Any JSON value: what is not a valid declaration or manifest is quarantined with its reasons, never refused.
    items: {},
    description:
      'hr-injury-declaration.v1 or .v2 records, by schemaVersion (at most 10,000; more → 413 FEED_BATCH_TOO_LARGE)',
  })
  @IsArray()
  records: unknown[];

  @ApiPropertyOptional({ type: FeedBatchManifestRequestDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => FeedBatchManifestRequestDto)
  manifest?: FeedBatchManifestRequestDto;
}
