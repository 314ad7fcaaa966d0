import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** Base of every command body: when the fact happened in the world (defaults to now). */
export class CommandRequestDto {
  @ApiPropertyOptional({
    description: 'When the fact happened (ISO 8601 instant); defaults to now',
    example: '2026-03-01T09:00:00+08:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  effectiveAt?: string;
}

/** The answer to every command (docs/http-api.md). */
export class CommandAcceptedResponse {
  @ApiProperty({ example: 'enterprise-91110108551385082Q' })
  streamName: string;

  @ApiProperty({
    example: 3,
    description: "The stream's version after the command; send it as If-Match",
  })
  streamPosition: number;

  @ApiProperty({
    example: 1042,
    description: 'Pass as ?minPosition= to read your own write',
  })
  globalPosition: number;
}
