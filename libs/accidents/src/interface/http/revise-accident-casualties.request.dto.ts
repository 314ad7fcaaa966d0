import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

/** Deaths and injuries of an accident (docs/domain.md, Accident): whole numbers ≥ 0. */
export class CasualtiesRequestDto extends CommandRequestDto {
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
}

export class ReviseAccidentCasualtiesRequestDto extends CasualtiesRequestDto {
  @ApiProperty({ example: '一名重伤者事故后30日内死亡' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
