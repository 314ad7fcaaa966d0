import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class EstablishSystemComponentRequestDto extends CommandRequestDto {
  @ApiProperty({
    example: 'archive://2024/0912/考核制度.pdf',
    description: 'Where the evidence is kept',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  evidenceRef: string;
}
