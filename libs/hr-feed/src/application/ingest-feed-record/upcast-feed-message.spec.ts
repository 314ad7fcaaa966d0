import type {
  HrFeedManifestV1,
  HrInjuryDeclarationV1,
} from '@app/hr-feed-contracts';
import { upcastFeedMessage } from './upcast-feed-message.js';

const v1: HrInjuryDeclarationV1 = {
  schemaVersion: 1,
  kind: 'declaration',
  claimId: 'C-1',
  feedWeek: '2026-W09',
  employer: { uscc: '91110108551385082Q' },
  injuredAt: '2026-02-25T09:30:00+08:00',
  declaredAt: '2026-02-27',
  determination: 'recognised',
  injuryNature: 'workplace',
  severity: 'minor',
  medicalTreatmentClaim: true,
};

describe('upcastFeedMessage (HR feed v1 → v2)', () => {
  it.each([
    ['workplace', 'workplace'],
    ['commute', 'commute'],
    ['occupational-disease', 'occupational-disease'],
    ['sudden-illness', 'sudden-death-48h'],
    ['other', 'other'],
  ] as const)(
    'reads v1 %s as %s and keeps every other field',
    (nature, expected) => {
      expect(upcastFeedMessage({ ...v1, injuryNature: nature })).toEqual({
        ...v1,
        schemaVersion: 2,
        injuryNature: expected,
      });
    },
  );

  it('upcasts a manifest and leaves a v2 message as it is', () => {
    const manifest: HrFeedManifestV1 = {
      schemaVersion: 1,
      kind: 'manifest',
      feedWeek: '2026-W09',
      expectedCount: 2,
    };
    expect(upcastFeedMessage(manifest)).toEqual({
      ...manifest,
      schemaVersion: 2,
    });
    const v2 = {
      ...v1,
      schemaVersion: 2 as const,
      injuryNature: 'business-trip' as const,
    };
    expect(upcastFeedMessage(v2)).toBe(v2);
  });
});
