import {
  accidentGrade,
  injuryDegree,
  type AccidentGrade,
  type AccidentTypeRef,
  type InjuryDegree,
} from '@app/reference-data';
import { EventSourcedAggregate, type ErrorDetail } from '@app/shared-kernel';
import { AccidentError } from './accident.errors.js';
import { withinCasualtyReportingWindow } from './reporting-window.js';
import type {
  AccidentCasualtiesRevised,
  AccidentEvent,
  AccidentReported,
  Casualties,
} from './accident.events.js';

export interface ReportAccidentInput extends Casualties {
  accidentId: string;
  uscc?: string;
  zoneId: string;
  accidentType: AccidentTypeRef;
  occurredAt: string;
  directLossYuan: number;
  description: string;
}

export interface ReviseCasualtiesInput extends Casualties {
  reason: string;
  /** When the casualties changed (the revision's effectiveAt, or now). */
  changedAt: string;
  /** Decree 493 art. 13 window of this accident's type, from reference data (30, or 7). */
  reportingWindowDays: number;
}

/**
 * Production-safety accident recorded by the bureau (生产安全事故). Stream `accident-<accidentId>`.
 * Its grade (生产安全事故报告和调查处理条例 art. 3) is always computed from the latest figures.
 */
export class Accident extends EventSourcedAggregate<AccidentEvent> {
  private _accidentId?: string;
  private _zoneId?: string;
  private _occurredAt?: string;
  private _accidentType?: AccidentTypeRef;
  private _casualties: Casualties = {
    deaths: 0,
    seriousInjuries: 0,
    minorInjuries: 0,
  };
  private _directLossYuan = 0;

  static empty(this: void): Accident {
    return new Accident();
  }

  /** Factory: the accident's first event. */
  static report(input: ReportAccidentInput): Accident {
    const accident = new Accident();
    accident.report(input);
    return accident;
  }

  report(input: ReportAccidentInput): void {
    if (this._accidentId) {
      throw new AccidentError(
        'ACCIDENT_ALREADY_REPORTED',
        `Accident ${this._accidentId} is already reported`,
      );
    }
    const problems = [
      ...checkCasualties(input),
      ...(nonEmpty(input.accidentId)
        ? []
        : [{ path: 'accidentId', message: 'is required' }]),
      ...(nonEmpty(input.zoneId)
        ? []
        : [{ path: 'zoneId', message: 'is required' }]),
      ...(input.accidentType && nonEmpty(input.accidentType.code)
        ? []
        : [{ path: 'accidentType', message: 'is required' }]),
      ...(isInstant(input.occurredAt)
        ? []
        : [{ path: 'occurredAt', message: 'must be an ISO instant' }]),
      ...(typeof input.directLossYuan === 'number' &&
      Number.isFinite(input.directLossYuan) &&
      input.directLossYuan >= 0
        ? []
        : [{ path: 'directLossYuan', message: 'must be a number ≥ 0' }]),
      ...(nonEmpty(input.description)
        ? []
        : [{ path: 'description', message: 'is required' }]),
    ];
    if (problems.length > 0)
      throw new AccidentError(
        'ACCIDENT_INVALID',
        'Invalid accident report',
        problems,
      );
    this.raise({
      type: 'AccidentReported',
      schemaVersion: 1,
      data: {
        accidentId: input.accidentId,
        ...(input.uscc ? { uscc: input.uscc } : {}),
        zoneId: input.zoneId,
        accidentType: {
          standard: input.accidentType.standard,
          code: input.accidentType.code,
          name: input.accidentType.name,
        },
        occurredAt: input.occurredAt,
        deaths: input.deaths,
        seriousInjuries: input.seriousInjuries,
        minorInjuries: input.minorInjuries,
        directLossYuan: input.directLossYuan,
        description: input.description,
      },
    });
  }

  /**
   * E.g. an injured person dies within 30 days: the figures, and so the grade and degree, change. The
   * event records whether the change fell within the art. 13 window; a late change is still recorded
   * (the bureau decides what it means), never refused.
   */
  reviseCasualties(input: ReviseCasualtiesInput): void {
    if (!this._accidentId)
      throw new AccidentError('ACCIDENT_NOT_FOUND', 'No such accident');
    const problems = [
      ...checkCasualties(input),
      ...(nonEmpty(input.reason)
        ? []
        : [{ path: 'reason', message: 'is required' }]),
      ...(isInstant(input.changedAt) &&
      Date.parse(input.changedAt) >= Date.parse(this._occurredAt!)
        ? []
        : [
            {
              path: 'effectiveAt',
              message: `the casualties cannot change before the accident (${this._occurredAt})`,
            },
          ]),
    ];
    if (problems.length > 0)
      throw new AccidentError(
        'ACCIDENT_INVALID',
        'Invalid casualty revision',
        problems,
      );
    const c = this._casualties;
    if (
      c.deaths === input.deaths &&
      c.seriousInjuries === input.seriousInjuries &&
      c.minorInjuries === input.minorInjuries
    ) {
      throw new AccidentError(
        'ACCIDENT_CASUALTIES_UNCHANGED',
        'The revision gives the figures already recorded',
      );
    }
    this.raise({
      type: 'AccidentCasualtiesRevised',
      schemaVersion: 1,
      data: {
        deaths: input.deaths,
        seriousInjuries: input.seriousInjuries,
        minorInjuries: input.minorInjuries,
        reason: input.reason,
        withinReportingWindow: withinCasualtyReportingWindow(
          this._occurredAt!,
          input.changedAt,
          input.reportingWindowDays,
        ),
        reportingWindowDays: input.reportingWindowDays,
      },
    });
  }

  get accidentId(): string | undefined {
    return this._accidentId;
  }
  get zoneId(): string | undefined {
    return this._zoneId;
  }
  get occurredAt(): string | undefined {
    return this._occurredAt;
  }
  get accidentType(): AccidentTypeRef | undefined {
    return this._accidentType;
  }
  /** GB 6441-2025 §4.2 degree of injury of the latest figures. */
  get injuryDegree(): InjuryDegree {
    return injuryDegree(this._casualties);
  }
  get casualties(): Casualties {
    return { ...this._casualties };
  }
  get grade(): AccidentGrade {
    return accidentGrade({
      deaths: this._casualties.deaths,
      seriousInjuries: this._casualties.seriousInjuries,
      directLossYuan: this._directLossYuan,
    });
  }

  protected apply(event: AccidentEvent): void {
    switch (event.type) {
      case 'AccidentReported':
        return this.onAccidentReported(event);
      case 'AccidentCasualtiesRevised':
        return this.onAccidentCasualtiesRevised(event);
      default: {
        const _exhaustive: never = event;
        throw new Error(
          `Unknown Accident event ${(_exhaustive as { type: string }).type}`,
        );
      }
    }
  }

  private onAccidentReported(e: AccidentReported): void {
    this._accidentId = e.data.accidentId;
    this._zoneId = e.data.zoneId;
    this._occurredAt = e.data.occurredAt;
    this._accidentType = e.data.accidentType;
    this._casualties = {
      deaths: e.data.deaths,
      seriousInjuries: e.data.seriousInjuries,
      minorInjuries: e.data.minorInjuries,
    };
    this._directLossYuan = e.data.directLossYuan;
  }

  private onAccidentCasualtiesRevised(e: AccidentCasualtiesRevised): void {
    this._casualties = {
      deaths: e.data.deaths,
      seriousInjuries: e.data.seriousInjuries,
      minorInjuries: e.data.minorInjuries,
    };
  }
}

const nonEmpty = (v: unknown): boolean =>
  typeof v === 'string' && v.trim().length > 0;
const isInstant = (v: unknown): boolean =>
  typeof v === 'string' &&
  /^\d{4}-\d{2}-\d{2}T/.test(v) &&
  !Number.isNaN(Date.parse(v));

function checkCasualties(c: Casualties): ErrorDetail[] {
  return (['deaths', 'seriousInjuries', 'minorInjuries'] as const)
    .filter((k) => !Number.isInteger(c[k]) || c[k] < 0)
    .map((k) => ({ path: k, message: 'must be a whole number ≥ 0' }));
}
