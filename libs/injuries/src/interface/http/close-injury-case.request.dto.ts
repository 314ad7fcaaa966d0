import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '@app/api-conventions';

export class CloseInjuryCaseRequestDto extends CommandRequestDto {
  @ApiPropertyOptional({
    description:
      'Required when the case closes without a verified rectification (CLOSURE_REASON_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}
