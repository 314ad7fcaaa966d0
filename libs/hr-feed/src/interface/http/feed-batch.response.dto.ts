import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const OUTCOMES = [
  'accepted',
  'corrected',
  'duplicate',
  'withdrawn',
  'quarantined',
];

export class FeedViolationResponse {
  @ApiProperty({
    example: '/employer/uscc',
    description: 'JSON pointer into the record',
  })
  path: string;

  @ApiProperty({ example: 'check character at position 18 should be Y' })
  message: string;
}

export class FeedBatchCountsResponse {
  @ApiProperty() accepted: number;
  @ApiProperty() corrected: number;
  @ApiProperty() duplicate: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty() quarantined: number;
}

export class FeedBatchRecordResultResponse {
  @ApiProperty({
    description:
      'Position of the record in the batch (CSV: data row, 0-based, header excluded)',
  })
  index: number;

  @ApiPropertyOptional()
  claimId?: string;

  @ApiProperty({ enum: OUTCOMES })
  outcome: string;

  @ApiPropertyOptional({ type: [FeedViolationResponse] })
  reasons?: FeedViolationResponse[];
}

export class FeedBatchManifestResultResponse {
  @ApiProperty({ enum: OUTCOMES })
  outcome: string;

  @ApiPropertyOptional({ type: [FeedViolationResponse] })
  reasons?: FeedViolationResponse[];
}

export class FeedBatchResponse {
  @ApiProperty({ example: '2024-W35' })
  feedWeek: string;

  @ApiProperty({ type: FeedBatchCountsResponse })
  counts: FeedBatchCountsResponse;

  @ApiProperty({ type: [FeedBatchRecordResultResponse] })
  results: FeedBatchRecordResultResponse[];

  @ApiPropertyOptional({ type: FeedBatchManifestResultResponse })
  manifest?: FeedBatchManifestResultResponse;

  @ApiProperty({
    description:
      'Last global position of the batch; pass as ?minPosition= to read it back',
  })
  globalPosition: number;
}
