import {
  endOfShanghaiDate,
  sameDateAYearEarlier,
  shanghaiDate,
  startOfShanghaiDate,
} from '@app/shared-kernel';
import type { County, DeclarationHistory } from './county.js';
import type {
  ExcludedLine,
  ExclusionReason,
  FactLine,
  FigureFacts,
} from './reporting-fact.js';

/** The six figures of the accident-reduction report (docs/metrics.md §1), in the order published. */
export const ACCIDENT_FIGURES = [
  'accidents',
  'deaths',
  'injured',
  'aboveScaleWorkInjuryAccidents',
  'aboveScaleEnterprisesInvolved',
  'aboveScaleMedicalTreatmentClaims',
] as const;
export type AccidentFigure = (typeof ACCIDENT_FIGURES)[number];

export interface Period {
  from: string;
  to: string;
}

export interface FigureComparison {
  current: number;
  previous: number;
  change: number;
  /** (current − previous) / previous × 100, unrounded; null when previous is 0. */
  changePercent: number | null;
}

export interface AccidentReductionQuery extends Period {
  zoneId?: string;
}

export interface AccidentReductionOptions {
  /** Injury natures that make a declaration a production-safety work-injury accident. */
  productionSafetyNatures: readonly string[];
}

export type AccidentReduction = {
  period: Period;
  previousPeriod: Period;
  zoneId: string | null;
} & Record<AccidentFigure, FigureComparison>;

/** P′: the same dates one year earlier (29 February → 28 February). */
export function previousPeriod(period: Period): Period {
  return {
    from: sameDateAYearEarlier(period.from),
    to: sameDateAYearEarlier(period.to),
  };
}

export function compare(current: number, previous: number): FigureComparison {
  return {
    current,
    previous,
    change: current - previous,
    changePercent:
      previous === 0 ? null : ((current - previous) / previous) * 100,
  };
}

export function accidentReduction(
  county: County,
  query: AccidentReductionQuery,
  options: AccidentReductionOptions,
): AccidentReduction {
  const period = { from: query.from, to: query.to };
  const earlier = previousPeriod(period);
  const figures = Object.fromEntries(
    ACCIDENT_FIGURES.map((figure) => [
      figure,
      compare(
        figureFacts(
          county,
          figure,
          { ...period, zoneId: query.zoneId },
          options,
        ).value,
        figureFacts(
          county,
          figure,
          { ...earlier, zoneId: query.zoneId },
          options,
        ).value,
      ),
    ]),
  ) as Record<AccidentFigure, FigureComparison>;
  return {
    period,
    previousPeriod: earlier,
    zoneId: query.zoneId ?? null,
    ...figures,
  };
}

/**
 * The facts behind one figure for one period: what counts (Σ counts = the figure) and what was
 * looked at and left out, with the reason. The report itself is computed through this function, so
 * an explanation can never disagree with the number it explains.
 */
export function figureFacts(
  county: County,
  figure: AccidentFigure,
  query: AccidentReductionQuery,
  options: AccidentReductionOptions,
): FigureFacts {
  switch (figure) {
    case 'accidents':
    case 'deaths':
    case 'injured':
      return accidentFacts(county, figure, query);
    case 'aboveScaleWorkInjuryAccidents':
    case 'aboveScaleEnterprisesInvolved':
    case 'aboveScaleMedicalTreatmentClaims':
      return declarationFacts(county, figure, query, options);
    default: {
      const _exhaustive: never = figure;
      throw new Error(`unknown figure ${String(_exhaustive)}`);
    }
  }
}

/** Whether an instant falls in the period by its Asia/Shanghai date; `near` when its UTC date does but the local one does not. */
function placeInPeriod(instant: string, period: Period): 'in' | 'near' | 'out' {
  const local = shanghaiDate(instant);
  if (local >= period.from && local <= period.to) return 'in';
  const t = Date.parse(instant);
  // Within a day of the edges: the facts an auditor reading UTC timestamps would expect to see.
  const day = 24 * 3_600_000;
  return t >= startOfShanghaiDate(period.from) - day &&
    t <= endOfShanghaiDate(period.to) + day
    ? 'near'
    : 'out';
}

function accidentFacts(
  county: County,
  figure: 'accidents' | 'deaths' | 'injured',
  query: AccidentReductionQuery,
): FigureFacts {
  const contributing: FactLine[] = [];
  const excluded: ExcludedLine[] = [];
  for (const accident of county.accidents.values()) {
    const place = placeInPeriod(accident.occurredAt, query);
    if (place === 'out') continue;
    const zoneId = county.accidentZone(accident);
    const counts =
      figure === 'accidents'
        ? 1
        : figure === 'deaths'
          ? accident.deaths
          : accident.seriousInjuries + accident.minorInjuries;
    const line: FactLine = {
      key: accident.accidentId,
      streams: [accident.streamName],
      eventIds: [...accident.eventIds],
      counts,
      fields: {
        occurredAt: accident.occurredAt,
        occurredOn: shanghaiDate(accident.occurredAt),
        zoneId,
        uscc: accident.uscc,
        deaths: accident.deaths,
        seriousInjuries: accident.seriousInjuries,
        minorInjuries: accident.minorInjuries,
      },
    };
    if (place === 'near')
      excluded.push({
        ...line,
        counts: 0,
        reason: 'outside-period-asia-shanghai',
      });
    else if (query.zoneId && zoneId !== query.zoneId)
      excluded.push({ ...line, counts: 0, reason: 'other-zone' });
    else if (counts > 0) contributing.push(line);
  }
  return finish(contributing, excluded);
}

/** Why a declaration of this nature is not a production-safety accident (undefined when it is one). */
export function natureExclusion(
  nature: string,
  productionSafety: readonly string[],
): ExclusionReason | undefined {
  if (productionSafety.includes(nature)) return undefined;
  if (nature === 'commute') return 'commuting';
  if (nature === 'occupational-disease') return 'occupational-disease';
  return 'not-production-safety-nature';
}

function declarationFacts(
  county: County,
  figure:
    | 'aboveScaleWorkInjuryAccidents'
    | 'aboveScaleEnterprisesInvolved'
    | 'aboveScaleMedicalTreatmentClaims',
  query: AccidentReductionQuery,
  options: AccidentReductionOptions,
): FigureFacts {
  const counted: { declaration: DeclarationHistory; sizeEventId: string }[] =
    [];
  const excluded: ExcludedLine[] = [];
  for (const declaration of county.declarations.values()) {
    const { content } = declaration;
    const place = placeInPeriod(content.injuredAt, query);
    if (place === 'out') continue;
    const injuredAt = Date.parse(content.injuredAt);
    const size = county.aboveDesignatedSizeAt(content.uscc, injuredAt);
    const zoneId = county.declarationZone(declaration);
    const reason: ExclusionReason | undefined =
      place === 'near'
        ? 'outside-period-asia-shanghai'
        : declaration.withdrawn
          ? 'withdrawn'
          : query.zoneId && zoneId !== query.zoneId
            ? 'other-zone'
            : figure === 'aboveScaleMedicalTreatmentClaims'
              ? content.medicalTreatmentClaim
                ? undefined
                : 'not-medical-treatment-claim'
              : natureExclusion(
                  content.injuryNature,
                  options.productionSafetyNatures,
                );
    const sizeReason: ExclusionReason | undefined = !size
      ? 'employer-not-registered'
      : size.value
        ? undefined
        : 'below-designated-size-at-the-time';
    const why = reason ?? sizeReason;
    if (why)
      excluded.push({
        ...declarationLine(declaration, zoneId, size?.eventId, county),
        counts: 0,
        reason: why,
      });
    else counted.push({ declaration, sizeEventId: size!.eventId });
  }

  if (figure === 'aboveScaleMedicalTreatmentClaims') {
    const contributing = counted.map(({ declaration, sizeEventId }) =>
      declarationLine(
        declaration,
        county.declarationZone(declaration),
        sizeEventId,
        county,
      ),
    );
    return finish(contributing, excluded);
  }
  // One incident with several injured workers is one accident; one enterprise is involved once.
  const groups = new Map<
    string,
    { declarations: DeclarationHistory[]; sizeEventIds: Set<string> }
  >();
  for (const { declaration, sizeEventId } of counted) {
    const key =
      figure === 'aboveScaleWorkInjuryAccidents'
        ? declaration.content.incidentRef
          ? `incident:${declaration.content.incidentRef}`
          : `claim:${declaration.claimId}`
        : `uscc:${declaration.content.uscc}`;
    const group = groups.get(key) ?? {
      declarations: [],
      sizeEventIds: new Set<string>(),
    };
    group.declarations.push(declaration);
    group.sizeEventIds.add(sizeEventId);
    groups.set(key, group);
  }
  const contributing = [...groups.entries()].map(([key, group]): FactLine => {
    const usccs = [...new Set(group.declarations.map((d) => d.content.uscc))];
    return {
      key,
      streams: [
        ...usccs.map((u) => county.enterprises.get(u)!.streamName),
        ...group.declarations.map((d) => d.streamName),
      ],
      eventIds: [
        ...group.sizeEventIds,
        ...group.declarations.flatMap((d) =>
          d.declarationEvents.map((e) => e.eventId),
        ),
      ],
      counts: 1,
      fields: {
        claimIds: group.declarations.map((d) => d.claimId),
        usccs,
        incidentRefs: [
          ...new Set(
            group.declarations
              .map((d) => d.content.incidentRef)
              .filter((r) => r !== null),
          ),
        ],
        injuredAt: group.declarations.map((d) => d.content.injuredAt),
        injuryNatures: [
          ...new Set(group.declarations.map((d) => d.content.injuryNature)),
        ],
        aboveDesignatedSize: true,
      },
    };
  });
  return finish(contributing, excluded);
}

function declarationLine(
  declaration: DeclarationHistory,
  zoneId: string,
  sizeEventId: string | undefined,
  county: County,
): FactLine {
  const { content } = declaration;
  const enterprise = county.enterprises.get(content.uscc);
  const size = county.aboveDesignatedSizeAt(
    content.uscc,
    Date.parse(content.injuredAt),
  );
  return {
    key: declaration.claimId,
    streams: [
      declaration.streamName,
      ...(enterprise ? [enterprise.streamName] : []),
    ],
    eventIds: [
      ...declaration.declarationEvents.map((e) => e.eventId),
      ...(sizeEventId ? [sizeEventId] : []),
    ],
    counts: 1,
    fields: {
      claimId: declaration.claimId,
      uscc: content.uscc,
      incidentRef: content.incidentRef,
      injuredAt: content.injuredAt,
      injuredOn: shanghaiDate(content.injuredAt),
      injuryNature: content.injuryNature,
      medicalTreatmentClaim: content.medicalTreatmentClaim,
      withdrawn: declaration.withdrawn,
      zoneId,
      aboveDesignatedSize: size ? size.value : null,
    },
  };
}

const byKey = (a: FactLine, b: FactLine) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

function finish(
  contributing: FactLine[],
  excluded: ExcludedLine[],
): FigureFacts {
  return {
    value: contributing.reduce((sum, line) => sum + line.counts, 0),
    contributing: contributing.sort(byKey),
    excluded: excluded.sort(byKey),
  };
}
