import { ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class RegisterEnterpriseRequestDto extends CommandRequestDto {
  @ApiProperty({
    description: '统一社会信用代码 (GB 32100-2015), 18 characters',
    example: '91110108551385082Q',
  })
  @IsString()
  @Length(18, 18, { message: 'uscc must have 18 characters' })
  uscc: string;

  @ApiProperty({ example: '湘乡市示例机械制造有限公司' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: 'zone-1',
    description: 'A configured zone id (GET /zones)',
  })
  @IsString()
  @IsNotEmpty()
  zoneId: string;

  @ApiProperty({ example: '东山街道' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  township: string;

  @ApiProperty({
    example: 'C3311',
    description: 'GB/T 4754-2017 code: a letter A–T, optionally 2/3/4 digits',
  })
  @IsString()
  @Matches(/^[A-T](\d{2}|\d{3}|\d{4})?$/, {
    message: 'industryCode must be a GB/T 4754-2017 code',
  })
  industryCode: string;

  @ApiProperty({ description: '规模以上 (above designated size)' })
  @IsBoolean()
  aboveDesignatedSize: boolean;

  @ApiProperty({ example: 120, minimum: 1 })
  @IsInt()
  @Min(1)
  headcount: number;
}
