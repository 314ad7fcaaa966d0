import { enterpriseRegistration, ZONE_2_USCC } from '@app/enterprises/testing';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const SECOND_USCC = '91430381MA4L16JQ92';
const REDUCTION = '/metrics/accident-reduction?from=2024-01-01&to=2024-08-31';
const COMPETITION = '/zones/competition?month=2024-03';

const accident = (n: number) => ({
  accidentId: `FRESH-${n}`,
  uscc: ZONE_2_USCC,
  occurredAt: '2024-03-05T10:00:00+08:00',
  accidentType: { standard: 'GB6441-86', code: '04' },
  deaths: 1,
  seriousInjuries: 0,
  minorInjuries: 0,
  directLossYuan: 10_000,
  description: '起重伤害',
});

/**
 * The reports read the facts table only when the facts projector has moved (docs/decisions/0124) and
 * answer from memory otherwise: a new fact must still show in the very next answer that asks for it, also
 * when several requests arrive while one is reading the table.
 */
describe('reports answered from memory never miss a projected fact', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({}, '2024-09-02T02:00:00.000Z');
    await apiAs(t, 'officer-1')
      .post(
        '/enterprises',
        enterpriseRegistration({
          uscc: ZONE_2_USCC,
          zoneId: 'zone-2',
          effectiveAt: '2023-06-01T09:00:00+08:00',
        }),
      )
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const read = async (path: string, minPosition: bigint) =>
    apiAs(t, 'leader-1').get(`${path}&minPosition=${minPosition}`).expect(200);

  it('changes the next answer after each new accident, and repeats it unchanged in between', async () => {
    const officer = apiAs(t, 'officer-1');
    for (let n = 1; n <= 3; n++) {
      await officer.post('/accidents', accident(n)).expect(201);
      if (n === 2)
        await officer
          .post(
            '/enterprises',
            enterpriseRegistration({
              uscc: SECOND_USCC,
              zoneId: 'zone-2',
              effectiveAt: '2023-06-01T09:00:00+08:00',
            }),
          )
          .expect(201);
      const head = await t.store.headPosition();
      const first = await read(REDUCTION, head);
      expect(first.body.accidents.current).toBe(n);
      expect(first.body.deaths.current).toBe(n);
      expect(
        BigInt(first.headers['x-projection-position']),
      ).toBeGreaterThanOrEqual(head);
      // Nothing new: the same answer again.
      expect((await read(REDUCTION, head)).body).toEqual(first.body);
      const zones = (await read(COMPETITION, head)).body.zones as {
        zoneId: string;
        enterprises: number;
      }[];
      expect(zones.find((z) => z.zoneId === 'zone-2')?.enterprises).toBe(
        n >= 2 ? 2 : 1,
      );
    }
  });

  it('answers every request with at least the facts up to its minPosition while others are reading', async () => {
    const officer = apiAs(t, 'officer-1');
    const before = (await read(REDUCTION, await t.store.headPosition())).body
      .accidents.current as number;
    const answers: Promise<{ expected: number; got: number }>[] = [];
    for (let n = 1; n <= 5; n++) {
      await officer.post('/accidents', accident(100 + n)).expect(201);
      const head = await t.store.headPosition();
      // Several reads at once right after each write, the earlier ones possibly still in flight.
      for (let i = 0; i < 3; i++)
        answers.push(
          read(REDUCTION, head).then((res) => ({
            expected: before + n,
            got: res.body.accidents.current as number,
          })),
        );
    }
    for (const { expected, got } of await Promise.all(answers))
      expect(got).toBeGreaterThanOrEqual(expected);
    const last = await read(REDUCTION, await t.store.headPosition());
    expect(last.body.accidents.current).toBe(before + 5);
  });

  it('answers as recorded at an instant with the facts recorded by then, after the live answers moved on', async () => {
    const officer = apiAs(t, 'officer-1');
    const head = await t.store.headPosition();
    const now = (await read(REDUCTION, head)).body;
    const instant = t.clock.now().toISOString();
    t.clock.set('2024-09-03T02:00:00.000Z');
    await officer.post('/accidents', accident(200)).expect(201);
    const later = await t.store.headPosition();
    const asRecorded = (
      await read(
        `${REDUCTION}&asRecordedAt=${encodeURIComponent(instant)}`,
        later,
      )
    ).body;
    expect(asRecorded).toEqual({ ...now, asRecordedAt: instant });
    expect((await read(REDUCTION, later)).body.accidents.current).toBe(
      now.accidents.current + 1,
    );
  });
});
