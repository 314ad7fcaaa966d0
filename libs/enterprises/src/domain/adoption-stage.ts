/**
 * Adoption stage of an enterprise (derived, never stored as a separate truth):
 *
 *   registered → enrolled → guided → lists-published → system-established → assessed → model
 *
 * Definition (a pure function of the enterprise's facts and the configured component list):
 * - `model`              designated a model enterprise and not revoked since — wins over everything;
 * - otherwise the stage is the last rung of the ladder reached without a gap, climbing while:
 *   - `enrolled`           enrolled in the responsibility programme;
 *   - `guided`             a guidance officer is assigned, or ≥ 1 guidance visit was recorded;
 *   - `lists-published`    the latest post-responsibility list publication covers ≥ 1 post;
 *   - `system-established` every configured component (四制一规程) is established;
 *   - `assessed`           ≥ 1 post safety performance assessment was recorded.
 * An enterprise that has, say, assessed but not yet established every component stays at
 * `lists-published`: the stage says how far the whole path is done, not the latest act.
 */
export type AdoptionStage =
  | 'registered'
  | 'enrolled'
  | 'guided'
  | 'lists-published'
  | 'system-established'
  | 'assessed'
  | 'model';

export const ADOPTION_STAGES: readonly AdoptionStage[] = [
  'registered',
  'enrolled',
  'guided',
  'lists-published',
  'system-established',
  'assessed',
  'model',
];

export interface AdoptionFacts {
  enrolled: boolean;
  officerAssigned: boolean;
  guidanceVisits: number;
  /** postsCovered of the latest list publication; 0 when none. */
  latestPostsCovered: number;
  componentsEstablished: readonly string[];
  assessments: number;
  modelDesignated: boolean;
}

export function adoptionStage(
  facts: AdoptionFacts,
  configuredComponents: readonly string[],
): AdoptionStage {
  if (facts.modelDesignated) return 'model';
  const established = new Set(facts.componentsEstablished);
  const ladder: [AdoptionStage, boolean][] = [
    ['enrolled', facts.enrolled],
    ['guided', facts.officerAssigned || facts.guidanceVisits > 0],
    ['lists-published', facts.latestPostsCovered >= 1],
    [
      'system-established',
      configuredComponents.every((c) => established.has(c)),
    ],
    ['assessed', facts.assessments >= 1],
  ];
  let stage: AdoptionStage = 'registered';
  for (const [next, reached] of ladder) {
    if (!reached) break;
    stage = next;
  }
  return stage;
}
