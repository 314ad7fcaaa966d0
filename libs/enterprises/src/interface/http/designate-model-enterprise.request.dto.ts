import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class DesignateModelEnterpriseRequestDto extends CommandRequestDto {
  @ApiProperty({
    example: '湘乡应急〔2024〕12号',
    description: 'The decision designating it',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  citation: string;
}
