import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class PublishPostResponsibilityListsRequestDto extends CommandRequestDto {
  @ApiProperty({ example: 40, minimum: 0 })
  @IsInt()
  @Min(0)
  postsTotal: number;

  @ApiProperty({ example: 40, minimum: 0, description: '≤ postsTotal' })
  @IsInt()
  @Min(0)
  postsCovered: number;

  @ApiProperty({ example: 118, minimum: 0 })
  @IsInt()
  @Min(0)
  employeesCovered: number;
}
