import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandMeta, ReadModels } from '@app/api-conventions';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import {
  ReportAccidentCommand,
  type ReportAccidentResult,
} from '../../application/commands/report-accident/report-accident.command.js';
import { ReviseAccidentCasualtiesCommand } from '../../application/commands/revise-accident-casualties/revise-accident-casualties.command.js';
import {
  ACCIDENT_READ_MODEL,
  type AccidentListItem,
  type AccidentReadModel,
} from '../../application/ports/accident-read-model.port.js';
import { ListAccidentsRequestDto } from './list-accidents.request.dto.js';
import { ReportAccidentRequestDto } from './report-accident.request.dto.js';
import { ReviseAccidentCasualtiesRequestDto } from './revise-accident-casualties.request.dto.js';

@ApiTags('accidents')
@ReadModels('accidents.accident-view')
@Controller('accidents')
export class AccidentsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(ACCIDENT_READ_MODEL) private readonly accidents: AccidentReadModel,
  ) {}

  @Post()
  @HttpCode(201)
  report(
    @CommandMeta() meta: CommandMetadata,
    @Body() body: ReportAccidentRequestDto,
  ): Promise<ReportAccidentResult> {
    const { effectiveAt: _ignored, accidentId, ...rest } = body;
    return this.commandBus.execute(
      new ReportAccidentCommand(
        { ...rest, accidentId: accidentId ?? randomUUID() },
        meta,
      ),
    );
  }

  @Post(':id/casualty-revisions')
  @HttpCode(201)
  reviseCasualties(
    @CommandMeta() meta: CommandMetadata,
    @Param('id') accidentId: string,
    @Body() body: ReviseAccidentCasualtiesRequestDto,
  ): Promise<CommandResult> {
    const { effectiveAt: _e, ...revision } = body;
    return this.commandBus.execute(
      new ReviseAccidentCasualtiesCommand({ accidentId, ...revision }, meta),
    );
  }

  @Get()
  list(@Query() query: ListAccidentsRequestDto): Promise<AccidentListItem[]> {
    return this.accidents.list({
      from: query.from,
      to: query.to,
      zoneId: query.zoneId,
    });
  }
}
