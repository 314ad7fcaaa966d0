import { hrDeclaration } from '@app/hr-feed-contracts/testing';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { enterpriseRegistration } from '@app/enterprises/testing';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

/** Registered by default as REGISTERED of zone 2. */
const registration = (overrides: Record<string, unknown> = {}) =>
  enterpriseRegistration({ uscc: REGISTERED, ...overrides });

const REGISTERED = '91110108551385082Q';
const UNREGISTERED = '91430381MA4L16JQ92';
const FEED_WEEK = '2026-W09';
/** Every raw ID number this file sends; none may appear in an answer or on disk. */
const ID = {
  a: '430381199001011234',
  b: '43038119850505321X',
  invalidRecord: '430381197712120011',
  malformedId: '4303812000010112', // 16 digits: breaks the pattern, still never kept
  inNarrative: '430381200001011239',
};

function declaration(overrides: Record<string, unknown> = {}) {
  return hrDeclaration({
    feedWeek: FEED_WEEK,
    employer: { uscc: REGISTERED, name: '湘乡市示范机械制造有限公司' },
    worker: { idNumber: ID.a, occupation: '冲压工' },
    ...overrides,
  });
}

/** Every file under dir, as bytes (SQLite databases, their WAL and SHM files). */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? filesUnder(path)
      : [{ path, bytes: readFileSync(path) }];
  });
}

describe('HR feed batches through HTTP (embedded default)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
  });

  afterEach(async () => {
    await t.close();
  });

  const post = (path: string, body: unknown) =>
    apiAs(t, 'hr-feed').post(path, body);
  const get = (path: string) => apiAs(t, 'hr-feed').get(path);

  it('gives each record its outcome, quarantines bad ones with every reason, and keeps no raw ID number anywhere', async () => {
    await post('/enterprises', registration()).expect(201);
    const records = [
      declaration(),
      declaration(), // same content again
      declaration({ severity: 'serious', disabilityGrade: 9 }), // changed
      declaration({
        claimId: 'HR-2',
        determination: 'not-recognised',
        worker: { idNumber: ID.b },
      }),
      declaration({
        claimId: 'HR-3',
        employer: { uscc: '91110108551385082A' }, // wrong check character
        injuryNature: 'at-work', // not in the enum
        severity: undefined, // required
        worker: { idNumber: ID.invalidRecord },
      }),
      declaration({
        claimId: 'HR-4',
        worker: { idNumber: ID.malformedId },
        narrative: `工友身份证 ${ID.inNarrative}`,
        extra: 'x',
      }),
    ];
    const batch = await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records,
    }).expect(200);
    expect(batch.body.counts).toEqual({
      accepted: 1,
      duplicate: 1,
      corrected: 1,
      withdrawn: 1,
      quarantined: 2,
    });
    expect(
      batch.body.results.map(
        (r: { index: number; claimId?: string; outcome: string }) => [
          r.index,
          r.claimId,
          r.outcome,
        ],
      ),
    ).toEqual([
      [0, 'HR-1', 'accepted'],
      [1, 'HR-1', 'duplicate'],
      [2, 'HR-1', 'corrected'],
      [3, 'HR-2', 'withdrawn'],
      [4, 'HR-3', 'quarantined'],
      [5, 'HR-4', 'quarantined'],
    ]);
    const paths = (index: number) =>
      batch.body.results[index].reasons
        .map((r: { path: string }) => r.path)
        .sort();
    expect(paths(4)).toEqual(['/employer/uscc', '/injuryNature', '/severity']);
    expect(paths(5)).toEqual(['/extra', '/worker/idNumber']);

    const quarantine = await get(
      `/hr-feed/quarantine?feedWeek=${FEED_WEEK}&minPosition=${batch.body.globalPosition}`,
    ).expect(200);
    expect(quarantine.body.total).toBe(2);
    const byClaim = Object.fromEntries(
      quarantine.body.items.map((q: { claimId: string }) => [q.claimId, q]),
    );
    expect(byClaim['HR-3']).toMatchObject({
      feedWeek: FEED_WEEK,
      source: 'http',
    });
    expect(
      byClaim['HR-3'].reasons.map((r: { path: string }) => r.path).sort(),
    ).toEqual(['/employer/uscc', '/injuryNature', '/severity']);
    expect(
      byClaim['HR-4'].reasons.map((r: { path: string }) => r.path).sort(),
    ).toEqual(['/extra', '/worker/idNumber']);
    expect(byClaim['HR-3'].record.worker).toEqual({
      workerRef: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const empty = await get('/hr-feed/quarantine?feedWeek=2026-W10').expect(
      200,
    );
    expect(empty.body).toEqual({ items: [], total: 0 });

    const cases = await get(
      `/injury-cases?feedWeek=${FEED_WEEK}&minPosition=${batch.body.globalPosition}`,
    ).expect(200);
    expect(
      cases.body.items
        .map((c: { claimId: string; status: string }) => [c.claimId, c.status])
        .sort(),
    ).toEqual([
      ['HR-1', 'follow-up-due'],
      ['HR-2', 'withdrawn'],
    ]);

    for (const answer of [batch, quarantine, cases]) {
      for (const raw of Object.values(ID))
        expect(answer.text).not.toContain(raw);
    }
    const files = filesUnder(t.config.dataDir);
    expect(files.some((f) => f.path.endsWith('.sqlite'))).toBe(true);
    // Positive control: the quarantined record itself is on disk (so a raw ID number would be found).
    expect(
      files.some((f) => f.bytes.includes(Buffer.from('"HR-3"', 'utf8'))),
    ).toBe(true);
    for (const file of files) {
      for (const raw of Object.values(ID)) {
        expect({
          file: file.path,
          raw,
          found: file.bytes.includes(Buffer.from(raw, 'utf8')),
        }).toEqual({ file: file.path, raw, found: false });
      }
    }
  });

  it('lists a declaration of an unregistered enterprise as unmatched until the enterprise registers, then moves it to its zone', async () => {
    const batch = await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: [
        declaration({
          claimId: 'UN-1',
          employer: { uscc: UNREGISTERED, name: '湘乡市未登记企业' },
        }),
      ],
    }).expect(200);
    expect(batch.body.results[0].outcome).toBe('accepted');

    const unmatched = await get(
      `/hr-feed/unmatched?minPosition=${batch.body.globalPosition}`,
    ).expect(200);
    expect(unmatched.body).toMatchObject({
      total: 1,
      items: [
        {
          claimId: 'UN-1',
          uscc: UNREGISTERED,
          employerName: '湘乡市未登记企业',
        },
      ],
    });
    expect((await get('/injury-cases/UN-1').expect(200)).body).toMatchObject({
      zoneId: 'unassigned',
      unmatched: true,
    });

    const registered = await post(
      '/enterprises',
      registration({ uscc: UNREGISTERED, zoneId: 'zone-3' }),
    ).expect(201);
    const after = await get(
      `/hr-feed/unmatched?minPosition=${registered.body.globalPosition}`,
    ).expect(200);
    expect(after.body).toEqual({ items: [], total: 0 });
    expect((await get('/injury-cases/UN-1').expect(200)).body).toMatchObject({
      zoneId: 'zone-3',
      unmatched: false,
    });
    const zone3 = await get('/injury-cases?zoneId=zone-3').expect(200);
    expect(zone3.body.items.map((c: { claimId: string }) => c.claimId)).toEqual(
      ['UN-1'],
    );
    expect(
      (await get('/injury-cases?zoneId=unassigned').expect(200)).body.total,
    ).toBe(0);
  });

  it('reconciles a week against its manifest: exactly the withheld claimId is missing', async () => {
    await post('/enterprises', registration()).expect(201);
    const batch = await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: [
        declaration({ claimId: 'M-1' }),
        declaration({ claimId: 'M-2', worker: { idNumber: ID.b } }),
      ],
      manifest: { expectedCount: 3, claimIds: ['M-1', 'M-2', 'M-3'] },
    }).expect(200);
    expect(batch.body.manifest).toEqual({ outcome: 'accepted' });

    const reconciliation = await get(
      `/hr-feed/weeks/${FEED_WEEK}/reconciliation?minPosition=${batch.body.globalPosition}`,
    ).expect(200);
    expect(reconciliation.body).toMatchObject({
      feedWeek: FEED_WEEK,
      expectedCount: 3,
      received: 2,
      missingClaimIds: ['M-3'],
      unexpectedClaimIds: [],
    });
    const noManifest = await get(
      '/hr-feed/weeks/2026-W10/reconciliation',
    ).expect(200);
    expect(noManifest.body).toMatchObject({
      expectedCount: null,
      received: 0,
      missingClaimIds: [],
    });
    expect(
      (await get('/hr-feed/weeks/2026-10/reconciliation').expect(400)).body
        .code,
    ).toBe('REQUEST_VALIDATION_FAILED');
  });

  it('refuses more than 10,000 records with 413 FEED_BATCH_TOO_LARGE and appends nothing; a bad envelope is 400', async () => {
    const before = await t.store.headPosition();
    const tooMany = await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: Array.from({ length: 10_001 }, () => ({})),
    }).expect(413);
    expect(tooMany.body).toMatchObject({
      status: 413,
      code: 'FEED_BATCH_TOO_LARGE',
    });
    expect(tooMany.headers['content-type']).toMatch(
      /application\/problem\+json/,
    );
    const badWeek = await post('/hr-feed/batches', {
      feedWeek: '2026-09',
      records: [],
    }).expect(400);
    expect(badWeek.body.code).toBe('REQUEST_VALIDATION_FAILED');
    const unknownField = await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: [],
      note: 'x',
    }).expect(400);
    expect(unknownField.body.code).toBe('REQUEST_VALIDATION_FAILED');
    expect(await t.store.headPosition()).toBe(before);
  });

  it('a CSV upload of 3 rows gives the same outcomes as the same records in JSON', async () => {
    await post('/enterprises', registration()).expect(201);
    const header =
      'claimId,employer.uscc,employer.name,injuredAt,declaredAt,determination,injuryNature,accidentType.standard,accidentType.code,severity,medicalTreatmentClaim,worker.idNumber,worker.occupation,narrative';
    const csv = [
      header,
      `C-1,${REGISTERED},湘乡市示范机械制造有限公司,2026-02-25T09:30:00+08:00,2026-02-27,recognised,workplace,GB6441-86,03,minor,true,${ID.a},冲压工,"左手被挤压, 当场送医"`,
      `C-2,${REGISTERED},湘乡市示范机械制造有限公司,2026-02-25T09:30:00+08:00,2026-02-27,not-recognised,workplace,GB6441-86,03,minor,false,${ID.b},冲压工,`,
      `C-3,${REGISTERED}X,湘乡市示范机械制造有限公司,2026-02-25T09:30:00+08:00,2026-02-27,recognised,workplace,GB6441-86,03,minor,maybe,${ID.invalidRecord},冲压工,"""引号"""`,
    ].join('\r\n');
    const uploaded = await t
      .as({ role: 'hr-feed', sub: 'hr-feed' })
      .post(`/api/v1/hr-feed/batches?feedWeek=${FEED_WEEK}`)
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    const outcomes = (body: {
      results: { claimId?: string; outcome: string }[];
    }) => body.results.map((r) => r.outcome);
    expect(outcomes(uploaded.body)).toEqual([
      'accepted',
      'withdrawn',
      'quarantined',
    ]);
    expect(uploaded.body.counts).toEqual({
      accepted: 1,
      corrected: 0,
      duplicate: 0,
      withdrawn: 1,
      quarantined: 1,
    });
    expect(
      uploaded.body.results[2].reasons
        .map((r: { path: string }) => r.path)
        .sort(),
    ).toEqual(['/employer/uscc', '/medicalTreatmentClaim']);

    // The same records as JSON, under other claimIds: the same outcomes.
    const json = [
      declaration({ claimId: 'J-1', narrative: '左手被挤压, 当场送医' }),
      declaration({
        claimId: 'J-2',
        determination: 'not-recognised',
        medicalTreatmentClaim: false,
        worker: { idNumber: ID.b, occupation: '冲压工' },
      }),
      declaration({
        claimId: 'J-3',
        employer: { uscc: `${REGISTERED}X` },
        medicalTreatmentClaim: 'maybe',
        worker: { idNumber: ID.invalidRecord, occupation: '冲压工' },
      }),
    ].map((d) => ({
      ...d,
      employer: {
        name: '湘乡市示范机械制造有限公司',
        ...(d.employer as object),
      },
    }));
    const sent = await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: json,
    }).expect(200);
    expect(outcomes(sent.body)).toEqual(outcomes(uploaded.body));

    // And the CSV rows mapped to exactly the JSON content: resending them as JSON changes nothing.
    const resent = await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: json
        .slice(0, 2)
        .map((d, i) => ({ ...d, claimId: `C-${i + 1}` })),
    }).expect(200);
    expect(outcomes(resent.body)).toEqual(['duplicate', 'duplicate']);

    const view = await get(
      `/injury-cases/C-1?minPosition=${uploaded.body.globalPosition}`,
    ).expect(200);
    expect(view.body).toMatchObject({
      zoneId: 'zone-2',
      status: 'follow-up-due',
      declaration: { narrative: '左手被挤压, 当场送医' },
    });

    const badHeader = await t
      .as({ role: 'hr-feed', sub: 'hr-feed' })
      .post(`/api/v1/hr-feed/batches?feedWeek=${FEED_WEEK}`)
      .set('content-type', 'text/csv')
      .send('claimId,severity,shoeSize\nX-1,minor,42')
      .expect(400);
    expect(badHeader.body.code).toBe('FEED_CSV_HEADER_INVALID');
  });
});
