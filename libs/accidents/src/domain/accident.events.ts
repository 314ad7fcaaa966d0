import type { AccidentTypeRef } from '@app/reference-data';
import type { DomainEvent } from '@app/shared-kernel';

export interface Casualties {
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
}

type Event<T extends string, D> = DomainEvent<T, D> & {
  readonly schemaVersion: 1;
};

export type AccidentReported = Event<
  'AccidentReported',
  Casualties & {
    accidentId: string;
    uscc?: string;
    zoneId: string;
    accidentType: AccidentTypeRef;
    /** ISO instant; also the event's effectiveAt. */
    occurredAt: string;
    directLossYuan: number;
    description: string;
  }
>;

export type AccidentCasualtiesRevised = Event<
  'AccidentCasualtiesRevised',
  Casualties & {
    reason: string;
    /**
     * Whether the change happened (the event's effectiveAt) within the window of 生产安全事故报告和调查处理条例
     * art. 13 counted from the accident's date; absent on revisions recorded before it was kept.
     */
    withinReportingWindow?: boolean;
    /** The window that applied: 30 days, 7 for road-traffic and fire accidents. */
    reportingWindowDays?: number;
  }
>;

export type AccidentEvent = AccidentReported | AccidentCasualtiesRevised;
export type AccidentEventType = AccidentEvent['type'];
export const ACCIDENT_EVENT_TYPES: readonly AccidentEventType[] = [
  'AccidentReported',
  'AccidentCasualtiesRevised',
];

export const ACCIDENT_STREAM_PREFIX = 'accident-';
export const accidentStreamName = (accidentId: string): string =>
  `${ACCIDENT_STREAM_PREFIX}${accidentId}`;
