import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ReferenceData } from '../domain/reference-data.js';
import { REFERENCE_DATA } from './reference-data.token.js';
import { ZonesController } from './zones.controller.js';

/** Provides REFERENCE_DATA everywhere and serves GET /zones (the app adds the api/v1 prefix). */
@Global()
@Module({})
export class ReferenceDataModule {
  static forRoot(data: ReferenceData): DynamicModule {
    return {
      module: ReferenceDataModule,
      global: true,
      controllers: [ZonesController],
      providers: [{ provide: REFERENCE_DATA, useValue: data }],
      exports: [REFERENCE_DATA],
    };
  }
}
