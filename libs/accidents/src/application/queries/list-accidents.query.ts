import { Query } from '@nestjs/cqrs';
import type { AccidentGrade, AccidentTypeRef } from '@app/reference-data';

export interface AccidentListItem {
  accidentId: string;
  uscc: string | null;
  zoneId: string;
  accidentType: AccidentTypeRef;
  occurredAt: string;
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
  directLossYuan: number;
  grade: AccidentGrade;
  description: string;
  revisionCount: number;
}

export interface AccidentListFilter {
  /** Asia/Shanghai date, inclusive. */
  from?: string;
  /** Asia/Shanghai date, inclusive. */
  to?: string;
  zoneId?: string;
}

/** Read side of accidents: implemented over the accident_view read model. */
export interface AccidentReadModel {
  list(filter: AccidentListFilter): Promise<AccidentListItem[]>;
}

export const ACCIDENT_READ_MODEL = Symbol('accidents.AccidentReadModel');

export class ListAccidentsQuery extends Query<AccidentListItem[]> {
  constructor(readonly filter: AccidentListFilter) {
    super();
  }
}
