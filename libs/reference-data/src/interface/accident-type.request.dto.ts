import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import {
  ACCIDENT_TYPE_STANDARDS,
  type AccidentTypeStandard,
} from '../domain/accident-types.js';

/** A GB 6441 accident type in a request body; the code is checked against the reference list later. */
export class AccidentTypeRequestDto {
  @ApiProperty({ enum: ACCIDENT_TYPE_STANDARDS })
  @IsIn(ACCIDENT_TYPE_STANDARDS)
  standard: AccidentTypeStandard;

  @ApiProperty({
    example: 'WSA10009',
    description:
      'GB 6441-2025: WSA10001–WSA10026 or WSA10099; GB 6441-86: 01–20',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  code: string;
}
