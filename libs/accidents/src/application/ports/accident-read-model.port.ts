import type {
  AccidentGrade,
  AccidentTypeRef,
  InjuryDegree,
} from '@app/reference-data';

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
  /** GB 6441-2025 §4.2 degree of injury (WSA20001 零伤亡 … WSA20004 死亡事故) of the latest figures. */
  injuryDegree: InjuryDegree;
  description: string;
  revisionCount: number;
  /** Casualty revisions in order, each with whether it fell within the 条例 art. 13 window. */
  revisions: AccidentRevisionItem[];
}

export interface AccidentRevisionItem {
  changedAt: string;
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
  reason: string;
  withinReportingWindow: boolean | null;
  reportingWindowDays: number | null;
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
