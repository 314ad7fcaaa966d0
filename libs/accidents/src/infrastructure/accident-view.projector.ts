import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '@app/event-store';
import type { Projector } from '@app/projections';
import { accidentGrade } from '@app/reference-data';
import { ACCIDENT_EVENT_TYPES, type AccidentCasualtiesRevised, type AccidentReported } from '../domain/accident.events.js';
import { AccidentViewEntity, type AccidentRevisionView } from './accident-view.entity.js';

const OFFSET_MS = 8 * 60 * 60 * 1000;
const shanghaiDate = (instant: string): string => new Date(Date.parse(instant) + OFFSET_MS).toISOString().slice(0, 10);

/** Maintains accident_view; idempotent (an event at or below a row's lastGlobalPosition is skipped). */
@Injectable()
export class AccidentViewProjector implements Projector {
  readonly name = 'accidents.accident-view';
  readonly handles = ACCIDENT_EVENT_TYPES;
  readonly entities = [AccidentViewEntity];

  async project(event: StoredEvent, em: EntityManager): Promise<void> {
    const repo = em.getRepository(AccidentViewEntity);
    const position = event.globalPosition;
    switch (event.type) {
      case 'AccidentReported': {
        const data = event.data as unknown as AccidentReported['data'];
        const existing = await repo.findOneBy({ accidentId: data.accidentId });
        if (existing && BigInt(existing.lastGlobalPosition) >= position) return;
        const grade = accidentGrade(data);
        await repo.save(
          repo.create({
            accidentId: data.accidentId,
            uscc: data.uscc ?? null,
            zoneId: data.zoneId,
            accidentType: data.accidentType,
            occurredAt: data.occurredAt,
            occurredOn: shanghaiDate(data.occurredAt),
            deaths: data.deaths,
            seriousInjuries: data.seriousInjuries,
            minorInjuries: data.minorInjuries,
            directLossYuan: data.directLossYuan,
            gradeCode: grade.grade,
            gradeName: grade.name,
            description: data.description,
            revisionCount: 0,
            revisions: [],
            recordedAt: event.metadata.recordedAt,
            lastGlobalPosition: position.toString(),
          }),
        );
        return;
      }
      case 'AccidentCasualtiesRevised': {
        const data = event.data as unknown as AccidentCasualtiesRevised['data'];
        const accidentId = event.streamName.slice('accident-'.length);
        const row = await repo.findOneBy({ accidentId });
        if (!row || BigInt(row.lastGlobalPosition) >= position) return;
        const grade = accidentGrade({ deaths: data.deaths, seriousInjuries: data.seriousInjuries, directLossYuan: row.directLossYuan });
        await repo.update(
          { accidentId },
          {
            deaths: data.deaths,
            seriousInjuries: data.seriousInjuries,
            minorInjuries: data.minorInjuries,
            gradeCode: grade.grade,
            gradeName: grade.name,
            revisionCount: row.revisionCount + 1,
            revisions: [...(row.revisions ?? []), revisionView(data, event.metadata.effectiveAt)],
            lastGlobalPosition: position.toString(),
          },
        );
        return;
      }
      default:
        return;
    }
  }
}

function revisionView(data: AccidentCasualtiesRevised['data'], changedAt: string): AccidentRevisionView {
  const { deaths, seriousInjuries, minorInjuries, reason } = data;
  return {
    changedAt,
    deaths,
    seriousInjuries,
    minorInjuries,
    reason,
    withinReportingWindow: data.withinReportingWindow ?? null,
    reportingWindowDays: data.reportingWindowDays ?? null,
  };
}
