import type {
  DeclarationFields,
  FactBody,
  ReportingFact,
} from '../domain/reporting-fact.js';

/**
 * Builds reporting facts for tests: a log in the making, with positions in order and event ids
 * derived from them. `recordedAt` defaults to `effectiveAt` (a fact recorded when it happened).
 */
export class FactLog {
  readonly facts: ReportingFact[] = [];

  add(
    body: FactBody,
    effectiveAt: string,
    recordedAt: string = effectiveAt,
  ): ReportingFact {
    const position = this.facts.length + 1;
    const fact = {
      ...body,
      position,
      eventId: `e${position}`,
      streamName: streamOf(body),
      effectiveAt,
      recordedAt,
    };
    this.facts.push(fact);
    return fact;
  }

  register(
    uscc: string,
    at: string,
    overrides: {
      zoneId?: string;
      aboveDesignatedSize?: boolean;
      headcount?: number;
    } = {},
    recordedAt?: string,
  ) {
    return this.add(
      {
        type: 'EnterpriseRegistered',
        uscc,
        zoneId: 'zone-1',
        aboveDesignatedSize: true,
        headcount: 100,
        ...overrides,
      },
      at,
      recordedAt,
    );
  }

  declare(
    claimId: string,
    fields: Partial<DeclarationFields> & { uscc: string; injuredAt: string },
    recordedAt?: string,
    feedWeek = '2024-W10',
  ) {
    return this.add(
      {
        type: 'InjuryDeclarationReceived',
        claimId,
        feedWeek,
        incidentRef: null,
        injuryNature: 'workplace',
        severity: 'minor',
        medicalTreatmentClaim: true,
        determination: 'recognised',
        accidentType: { standard: 'GB6441-86', code: '01' },
        ...fields,
      },
      recordedAt ?? fields.injuredAt,
      recordedAt ?? fields.injuredAt,
    );
  }

  accident(
    accidentId: string,
    occurredAt: string,
    casualties: {
      deaths?: number;
      seriousInjuries?: number;
      minorInjuries?: number;
    } = {},
    zoneId = 'zone-1',
    uscc: string | null = null,
  ) {
    return this.add(
      {
        type: 'AccidentReported',
        accidentId,
        uscc,
        zoneId,
        occurredAt,
        deaths: 0,
        seriousInjuries: 0,
        minorInjuries: 0,
        ...casualties,
      },
      occurredAt,
    );
  }
}

function streamOf(body: FactBody): string {
  if ('accidentId' in body) return `accident-${body.accidentId}`;
  if (
    body.type === 'FeedRecordQuarantined' ||
    body.type === 'FeedManifestReceived'
  )
    return `hr-feed-week-${body.feedWeek}`;
  if ('claimId' in body && body.claimId) return `injury-${body.claimId}`;
  if ('uscc' in body) return `enterprise-${body.uscc}`;
  return 'unknown';
}
