import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class AssignGuidanceOfficerRequestDto extends CommandRequestDto {
  @ApiProperty({ example: 'officer-li' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  officerId: string;
}
