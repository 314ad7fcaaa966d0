/**
 * TypeScript shape of the v1 and v2 feed messages; hand-written to mirror hr-injury-declaration.v1/v2
 * .schema.json (the schemas are the contract; these types only describe what a validated message looks like).
 */
export type HrFeedWeek = string; // YYYY-Www, ISO week

export type HrDetermination =
  'pending' | 'recognised' | 'deemed' | 'not-recognised';
export type HrInjuryNature =
  'workplace' | 'commute' | 'occupational-disease' | 'sudden-illness' | 'other';
/** v2: the cases of 工伤保险条例 arts. 14 and 15 (the same strings as InjuryNature in @app/reference-data). */
export type HrInjuryNatureV2 =
  | 'workplace'
  | 'work-preparation'
  | 'violence-at-work'
  | 'occupational-disease'
  | 'business-trip'
  | 'commute'
  | 'other'
  | 'sudden-death-48h'
  | 'rescue-and-relief'
  | 'old-military-injury';
export type HrSeverity = 'minor' | 'serious' | 'fatal';
export type HrAccidentTypeStandard = 'GB6441-2025' | 'GB6441-86';

export interface HrInjuryDeclarationV1 {
  schemaVersion: 1;
  kind: 'declaration';
  /** HR declaration / determination number, unique per injured worker and injury. */
  claimId: string;
  feedWeek: HrFeedWeek;
  employer: { uscc: string; name?: string };
  /** Groups declarations of workers hurt in the same incident. */
  incidentRef?: string;
  /** RFC 3339 date-time with offset. */
  injuredAt: string;
  /** Calendar date YYYY-MM-DD. */
  declaredAt: string;
  determination: HrDetermination;
  injuryNature: HrInjuryNature;
  accidentType?: { standard: HrAccidentTypeStandard; code: string };
  bodyPart?: string;
  severity: HrSeverity;
  medicalTreatmentClaim: boolean;
  disabilityGrade?: number | null;
  worker?: {
    /** Resident ID number: pseudonymised on arrival, never stored. */
    idNumber?: string;
    occupation?: string;
    gender?: 'male' | 'female';
  };
  narrative?: string;
}

export interface HrFeedManifestV1 {
  schemaVersion: 1;
  kind: 'manifest';
  feedWeek: HrFeedWeek;
  expectedCount: number;
  claimIds?: string[];
}

export type HrFeedMessageV1 = HrInjuryDeclarationV1 | HrFeedManifestV1;

/** Version 2 differs from version 1 only in schemaVersion and the injury natures. */
export interface HrInjuryDeclarationV2 extends Omit<
  HrInjuryDeclarationV1,
  'schemaVersion' | 'injuryNature'
> {
  schemaVersion: 2;
  injuryNature: HrInjuryNatureV2;
}

export interface HrFeedManifestV2 extends Omit<
  HrFeedManifestV1,
  'schemaVersion'
> {
  schemaVersion: 2;
}

export type HrFeedMessageV2 = HrInjuryDeclarationV2 | HrFeedManifestV2;

/** A validated message of either version, as received (consumers upcast v1 to v2). */
export type HrFeedMessage = HrFeedMessageV1 | HrFeedMessageV2;
export type HrInjuryDeclaration = HrInjuryDeclarationV1 | HrInjuryDeclarationV2;

/** One violation: a JSON pointer into the message ('' = the whole message) and a readable message. */
export interface HrFeedViolation {
  path: string;
  message: string;
}

export type HrFeedParseResult =
  | { ok: true; message: HrFeedMessage }
  | { ok: false; reasons: HrFeedViolation[] };

export const isDeclaration = <M extends HrFeedMessage>(
  m: M,
): m is Extract<M, { kind: 'declaration' }> => m.kind === 'declaration';
export const isManifest = <M extends HrFeedMessage>(
  m: M,
): m is Extract<M, { kind: 'manifest' }> => m.kind === 'manifest';
