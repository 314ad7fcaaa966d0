import { pseudonymiseWorkerId, residentIdCheckChar } from '@app/injuries';
import { sanitiseFeedRecord } from './sanitise-feed-record.js';

const SECRET = 'quarantine-spec-secret';

const ID_NUMBER = `43038119900101123${residentIdCheckChar('43038119900101123')}`;

/** A secret under which ID_NUMBER's pseudonym holds a run of 17 digits (about one secret in a hundred). */
function secretWithDigitRunInTheRef(): { secret: string; ref: string } {
  for (let k = 0; k < 100_000; k++) {
    const secret = `${SECRET}-${k}`;
    const ref = pseudonymiseWorkerId(ID_NUMBER, secret);
    if (/\d{17}/.test(ref)) return { secret, ref };
  }
  throw new Error('no such secret in the search range');
}

describe('sanitiseFeedRecord', () => {
  it('replaces the ID number by its workerRef and redacts ID-like digit runs elsewhere', () => {
    const record = sanitiseFeedRecord(
      {
        value: {
          claimId: 'C-1',
          narrative: '身份证 430381199001011234 写在叙述里',
          worker: { idNumber: ID_NUMBER, occupation: '电工' },
        },
      },
      SECRET,
    ) as { narrative: string; worker: Record<string, unknown> };
    expect(record.narrative).toBe('身份证 [id-number-redacted] 写在叙述里');
    expect(record.worker).toEqual({
      occupation: '电工',
      workerRef: pseudonymiseWorkerId(ID_NUMBER, SECRET),
    });
    expect(JSON.stringify(record)).not.toContain('43038119900101123');
  });

  it('keeps a workerRef whole when the pseudonym itself holds a run of 17 digits', () => {
    const { secret, ref } = secretWithDigitRunInTheRef();
    const record = sanitiseFeedRecord(
      {
        value: {
          claimId: 'C-2',
          worker: { idNumber: ID_NUMBER, gender: 'male' },
        },
      },
      secret,
    ) as { worker: Record<string, unknown> };
    expect(record.worker).toEqual({ gender: 'male', workerRef: ref });
  });
});
