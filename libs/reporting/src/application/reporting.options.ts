import type { ReferenceData } from '@app/reference-data';
import type { AccidentReductionOptions } from '../domain/accident-reduction.js';
import type { CompetitionOptions } from '../domain/zone-competition.js';

/**
 * Injury natures that make a declaration a production-safety work-injury accident (docs/metrics.md):
 * `workplace` in feed v1, plus the v2 natures that are work in the strict sense. Reference data may
 * configure the set (`productionSafetyInjuryNatures`); this is the default when it does not.
 */
export const DEFAULT_PRODUCTION_SAFETY_NATURES: readonly string[] = ['workplace', 'work-preparation', 'business-trip'];

export function productionSafetyNatures(referenceData: ReferenceData): readonly string[] {
  const configured = (referenceData as unknown as { productionSafetyInjuryNatures?: unknown }).productionSafetyInjuryNatures;
  return Array.isArray(configured) ? configured.filter((n): n is string => typeof n === 'string') : DEFAULT_PRODUCTION_SAFETY_NATURES;
}

export function reductionOptions(referenceData: ReferenceData): AccidentReductionOptions {
  return { productionSafetyNatures: productionSafetyNatures(referenceData) };
}

export function competitionOptions(referenceData: ReferenceData): CompetitionOptions {
  return {
    zones: referenceData.zones,
    components: referenceData.components.map((c) => c.id),
    weights: { ...referenceData.competitionWeights },
    productionSafetyNatures: productionSafetyNatures(referenceData),
  };
}
