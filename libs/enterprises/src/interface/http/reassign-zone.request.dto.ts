import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** effectiveAt is required here: history is attributed to the zone in force when a fact happened. */
export class ReassignZoneRequestDto {
  @ApiProperty({ example: 'zone-2' })
  @IsString()
  @IsNotEmpty()
  toZoneId: string;

  @ApiProperty({ example: '片区划分调整' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiProperty({
    example: '2024-09-01T00:00:00+08:00',
    description: 'When the reassignment takes effect',
  })
  @IsISO8601({ strict: true })
  effectiveAt: string;
}
