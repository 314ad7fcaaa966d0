import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class RectificationItemRequestDto {
  @ApiProperty({ example: '恢复冲压机双手按钮与光幕' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  description: string;

  @ApiProperty({
    example: '2024-09-15',
    description: 'Calendar date (Asia/Shanghai)',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, {
    message: 'dueBy must be a date YYYY-MM-DD',
  })
  @IsISO8601({ strict: true })
  dueBy: string;
}

/** POST /injury-cases/:claimId/rectification — items are numbered item-1, item-2, … in this order. */
export class OrderRectificationRequestDto extends CommandRequestDto {
  @ApiProperty({ type: [RectificationItemRequestDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RectificationItemRequestDto)
  items: RectificationItemRequestDto[];
}
