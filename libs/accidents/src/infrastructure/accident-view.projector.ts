import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@app/event-store';
import type { ProjectionTransaction, Projector } from '@app/projections';
import { accidentGrade } from '@app/reference-data';
import { ACCIDENT_EVENT_CODEC } from '../domain/accident-event.codec.js';
import {
  ACCIDENT_STREAM_PREFIX,
  type AccidentCasualtiesRevised,
} from '../domain/accident.events.js';
import {
  AccidentViewEntity,
  type AccidentRevisionView,
} from './accident-view.entity.js';

const OFFSET_MS = 8 * 60 * 60 * 1000;
const shanghaiDate = (instant: string): string =>
  new Date(Date.parse(instant) + OFFSET_MS).toISOString().slice(0, 10);

/**
 * Maintains accident_view a page at a time (one load, each touched row written once); an event at or
 * below a row's lastGlobalPosition changes nothing.
 */
@Injectable()
export class AccidentViewProjector implements Projector {
  readonly name = 'accidents.accident-view';
  readonly version = 1;
  readonly handles = ACCIDENT_EVENT_CODEC.types;
  readonly entities = [AccidentViewEntity];

  async applyPage(
    events: readonly StoredEvent[],
    tx: ProjectionTransaction,
  ): Promise<void> {
    const decoded = events.map((stored) => ({
      stored,
      event: ACCIDENT_EVENT_CODEC.decode(stored),
    }));
    const idOf = ({ stored, event }: (typeof decoded)[number]): string =>
      event.type === 'AccidentReported'
        ? event.data.accidentId
        : stored.streamName.slice(ACCIDENT_STREAM_PREFIX.length);
    const table = tx.table(AccidentViewEntity);
    const rows = await table.load(decoded.map(idOf));
    const touched = new Set<AccidentViewEntity>();
    for (const item of decoded) {
      const { stored, event } = item;
      const accidentId = idOf(item);
      const position = stored.globalPosition;
      const existing = rows.get(accidentId);
      if (existing && BigInt(existing.lastGlobalPosition) >= position) continue;
      switch (event.type) {
        case 'AccidentReported': {
          const data = event.data;
          const grade = accidentGrade(data);
          const row: AccidentViewEntity = {
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
            recordedAt: stored.metadata.recordedAt,
            lastGlobalPosition: position.toString(),
          };
          rows.set(accidentId, row);
          touched.add(row);
          break;
        }
        case 'AccidentCasualtiesRevised': {
          if (!existing) break;
          const data = event.data;
          const grade = accidentGrade({
            deaths: data.deaths,
            seriousInjuries: data.seriousInjuries,
            directLossYuan: existing.directLossYuan,
          });
          Object.assign(existing, {
            deaths: data.deaths,
            seriousInjuries: data.seriousInjuries,
            minorInjuries: data.minorInjuries,
            gradeCode: grade.grade,
            gradeName: grade.name,
            revisionCount: existing.revisionCount + 1,
            revisions: [
              ...(existing.revisions ?? []),
              revisionView(data, stored.metadata.effectiveAt),
            ],
            lastGlobalPosition: position.toString(),
          });
          touched.add(existing);
          break;
        }
        default: {
          const _exhaustive: never = event;
          return _exhaustive;
        }
      }
    }
    await table.upsert(touched);
  }
}

function revisionView(
  data: AccidentCasualtiesRevised['data'],
  changedAt: string,
): AccidentRevisionView {
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
