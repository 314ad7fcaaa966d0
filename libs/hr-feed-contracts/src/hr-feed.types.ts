/**
 * TypeScript shape of the v1 feed messages; hand-written to mirror hr-injury-declaration.v1.schema.json
 * (the schema is the contract; these types only describe what a validated message looks like).
 */
export type HrFeedWeek = string; // YYYY-Www, ISO week

export type HrDetermination = 'pending' | 'recognised' | 'deemed' | 'not-recognised';
export type HrInjuryNature = 'workplace' | 'commute' | 'occupational-disease' | 'sudden-illness' | 'other';
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

/** One violation: a JSON pointer into the message ('' = the whole message) and a readable message. */
export interface HrFeedViolation {
  path: string;
  message: string;
}

export type HrFeedParseResult =
  | { ok: true; message: HrFeedMessageV1 }
  | { ok: false; reasons: HrFeedViolation[] };

export const isDeclaration = (m: HrFeedMessageV1): m is HrInjuryDeclarationV1 => m.kind === 'declaration';
export const isManifest = (m: HrFeedMessageV1): m is HrFeedManifestV1 => m.kind === 'manifest';
