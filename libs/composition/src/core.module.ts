import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import { CLOCK, type Clock, SystemClock } from '@app/shared-kernel';

/** Configuration and the clock, for every module of the app. Tests pass a FixedClock. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(
    config: AppConfig,
    clock: Clock = new SystemClock(),
  ): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [APP_CONFIG, CLOCK],
    };
  }
}
