import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ACCIDENT_REPOSITORY } from './application/accident.repository.js';
import { ReportAccidentHandler } from './application/commands/report-accident/report-accident.handler.js';
import { ReviseAccidentCasualtiesHandler } from './application/commands/revise-accident-casualties/revise-accident-casualties.handler.js';
import { ACCIDENT_READ_MODEL } from './application/ports/accident-read-model.port.js';
import { AccidentViewProjector } from './infrastructure/accident-view.projector.js';
import { EventStoreAccidentRepository } from './infrastructure/accident.repository.js';
import { TypeOrmAccidentReadModel } from './infrastructure/typeorm-accident.read-model.js';
import { AccidentsController } from './interface/http/accidents.controller.js';

/**
 * The accidents bounded context. The importing app provides EVENT_STORE, REFERENCE_DATA, a TypeORM
 * DataSource with AccidentViewEntity, and ACCIDENTS_ENTERPRISE_DIRECTORY (an adapter over enterprises),
 * and registers AccidentViewProjector with its projection runner.
 */
@Module({
  imports: [CqrsModule],
  controllers: [AccidentsController],
  providers: [
    { provide: ACCIDENT_REPOSITORY, useClass: EventStoreAccidentRepository },
    ReportAccidentHandler,
    ReviseAccidentCasualtiesHandler,
    AccidentViewProjector,
    { provide: ACCIDENT_READ_MODEL, useClass: TypeOrmAccidentReadModel },
  ],
  exports: [AccidentViewProjector],
})
export class AccidentsModule {}
