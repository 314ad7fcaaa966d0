import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class ReviseAccidentCasualtiesRequestDto {
  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  deaths: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  seriousInjuries: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  minorInjuries: number;

  @ApiProperty({ example: '一名重伤者事故后30日内死亡' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveAt?: string;
}
