import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { ReferenceData } from '../domain/reference-data.js';
import { REFERENCE_DATA } from './reference-data.token.js';

export class ZoneResponse {
  @ApiProperty({ example: 'zone-1' })
  id: string;

  @ApiProperty({ example: '一片区' })
  name: string;
}

export class ZonesResponse {
  @ApiProperty({
    example: 'xiangxiang-2024.1',
    description: 'Version of the reference data in force',
  })
  version: string;

  @ApiProperty({ type: [ZoneResponse] })
  zones: ZoneResponse[];
}

@ApiTags('zones')
@Controller('zones')
export class ZonesController {
  constructor(
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  @Get()
  @ApiOkResponse({
    type: ZonesResponse,
    description: 'The configured zones (片区) with their names',
  })
  list(): ZonesResponse {
    return {
      version: this.referenceData.version,
      zones: this.referenceData.zones.map(({ id, name }) => ({ id, name })),
    };
  }
}
