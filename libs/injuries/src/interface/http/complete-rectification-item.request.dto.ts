import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class CompleteRectificationItemRequestDto extends CommandRequestDto {
  @ApiProperty({
    example: 'photo-2024-09-10-press-3.jpg',
    description: 'Reference to the evidence (document, photo)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  evidenceRef: string;
}
