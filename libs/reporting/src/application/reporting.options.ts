import {
  productionSafetyInjuryNatures as productionSafetyNatures,
  type ReferenceData,
} from '@app/reference-data';
import type { AccidentReductionOptions } from '../domain/accident-reduction.js';
import type { CompetitionOptions } from '../domain/zone-competition.js';

export function reductionOptions(
  referenceData: ReferenceData,
): AccidentReductionOptions {
  return { productionSafetyNatures: productionSafetyNatures(referenceData) };
}

export function competitionOptions(
  referenceData: ReferenceData,
): CompetitionOptions {
  return {
    zones: referenceData.zones,
    components: referenceData.components.map((c) => c.id),
    weights: { ...referenceData.competitionWeights },
    productionSafetyNatures: productionSafetyNatures(referenceData),
  };
}
