import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class RevokeModelDesignationRequestDto extends CommandRequestDto {
  @ApiProperty({ example: '复核未通过' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
