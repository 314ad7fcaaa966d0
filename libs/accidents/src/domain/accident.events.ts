import type { AccidentTypeRef } from '@app/reference-data';
import type { DomainEvent } from '@app/shared-kernel';

export interface Casualties {
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
}

type Event<T extends string, D> = DomainEvent<T, D> & { readonly schemaVersion: 1 };

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

export type AccidentCasualtiesRevised = Event<'AccidentCasualtiesRevised', Casualties & { reason: string }>;

export type AccidentEvent = AccidentReported | AccidentCasualtiesRevised;
export type AccidentEventType = AccidentEvent['type'];
export const ACCIDENT_EVENT_TYPES: readonly AccidentEventType[] = ['AccidentReported', 'AccidentCasualtiesRevised'];

export const ACCIDENT_STREAM_PREFIX = 'accident-';
export const accidentStreamName = (accidentId: string): string => `${ACCIDENT_STREAM_PREFIX}${accidentId}`;
