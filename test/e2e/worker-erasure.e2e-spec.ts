import { hrDeclaration } from '@app/hr-feed-contracts/testing';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { verifyExport } from '@app/audit';
import { eraseWorkerCommand } from '../../apps/cli/src/commands/erase-worker.js';
import {
  backupCommand,
  restoreCommand,
} from '../../apps/cli/src/commands/backup.js';
import { PYTHON_VERIFIER } from '../support/audit-tamper.scenario.js';
import { runCli } from '../support/cli-run.js';
import { enterpriseRegistration } from '@app/enterprises/testing';
import { makeIdNumber } from '../support/hr-feed-fixtures.js';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const USCC = '91110108551385082Q';
const WEEK = '2026-W09';
const ERASED_ID = makeIdNumber(101);
const KEPT_ID = makeIdNumber(202);

/** The erased worker's personal text, each unique enough to search raw bytes for. */
const ERASED = {
  occupation: '数控冲床操作工甲',
  narrative: '在三号车间冲压时右手食指被模具压伤乙',
  bodyPart: '右手食指丙',
  correctedNarrative: '复核后右手食指与中指均被压伤丁',
  csvOccupation: '搬运工戊',
  csvNarrative: '搬运钢板时左脚被砸伤己',
  quarantinedOccupation: '夜班巡检员庚',
  quarantinedNarrative: '夜班巡检时在楼梯滑倒辛',
};
/** Another worker of the same enterprise: still readable afterwards. */
const KEPT = { occupation: '焊工壬', narrative: '焊接时被飞溅物烫伤手背癸' };

function declaration(
  claimId: string,
  idNumber: string,
  overrides: Record<string, unknown> = {},
) {
  return hrDeclaration({
    claimId,
    feedWeek: WEEK,
    employer: { uscc: USCC, name: '湘乡市示范机械制造有限公司' },
    severity: 'serious',
    ...overrides,
    worker: { idNumber, ...(overrides.worker as object) },
  });
}

const containsAny = (text: string, secrets: Record<string, string>) =>
  Object.values(secrets).filter((s) => text.includes(s));

/** The raw bytes of a SQLite database and its WAL, searched for UTF-8 text. */
function bytesHolding(file: string, secrets: Record<string, string>): string[] {
  const bytes = Buffer.concat(
    [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)),
  );
  return Object.values(secrets).filter((s) =>
    bytes.includes(Buffer.from(s, 'utf8')),
  );
}

/**
 * Erasure of a worker (docs/decisions/0230, 0231): declarations ingested as JSON and CSV batches and a
 * quarantined record are stored sealed; after `cli erase-worker` nothing of the worker's personal
 * fields is readable through any route, the export or the read models, the figures do not move, and
 * the chain still verifies.
 */
describe('erase-worker: personal data sealed per worker, destroyed with its key', () => {
  let t: TestApp;
  const work = mkdtempSync(join(tmpdir(), 'safety-erasure-'));
  const hr = () => apiAs(t, 'hr-1', { role: 'hr-feed' });
  const officer = () =>
    apiAs(t, 'officer-1', { role: 'officer', zones: ['zone-2'] });
  /** Auditors read every route unfiltered, narratives included. */
  const auditor = () => apiAs(t, 'auditor-1', { role: 'auditor' });
  let erasedRef = '';
  let keptRef = '';
  let ingestedAt = '';

  /** Reads answered once the read models reached the head of the log (the audit routes read the log itself). */
  const head = async () => Number(await t.store.headPosition());
  const read = async (path: string) => {
    const url = path.startsWith('/audit/')
      ? path
      : `${path}${path.includes('?') ? '&' : '?'}minPosition=${await head()}`;
    const response = await auditor().get(url);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response;
  };

  /** Every route that showed (or could show) a declaration's personal fields, and the figures. */
  const ROUTES = (): string[] => [
    '/injury-cases/E-1',
    '/injury-cases/E-CSV',
    `/injury-cases?feedWeek=${WEEK}`,
    `/injury-cases/E-1?asRecordedAt=${ingestedAt}`,
    `/hr-feed/quarantine?feedWeek=${WEEK}`,
    '/hr-feed/unmatched',
    `/hr-feed/weeks/${WEEK}/reconciliation`,
    `/reports/weekly-injuries?week=${WEEK}`,
    `/reports/weekly-injuries/facts?week=${WEEK}&count=received`,
    '/metrics/accident-reduction?from=2026-01-01&to=2026-03-01',
    '/audit/events?limit=1000',
    '/audit/streams/injury-E-1',
  ];
  const FIGURES = [
    `/reports/weekly-injuries?week=${WEEK}`,
    '/metrics/accident-reduction?from=2026-01-01&to=2026-03-01',
  ];

  beforeAll(async () => {
    t = await createTestApp({ DATA_DIR: join(work, 'live') });
    await officer()
      .post('/enterprises', enterpriseRegistration({ uscc: USCC }))
      .expect(201);
    // JSON batch: a declaration, its correction, the other worker's, and a record quarantined for a bad nature.
    const json = await hr()
      .post('/hr-feed/batches', {
        feedWeek: WEEK,
        records: [
          declaration('E-1', ERASED_ID, {
            bodyPart: ERASED.bodyPart,
            disabilityGrade: 8,
            narrative: ERASED.narrative,
            worker: { occupation: ERASED.occupation },
          }),
          declaration('E-1', ERASED_ID, {
            bodyPart: ERASED.bodyPart,
            disabilityGrade: 7,
            narrative: ERASED.correctedNarrative,
            worker: { occupation: ERASED.occupation },
          }),
          declaration('K-1', KEPT_ID, {
            narrative: KEPT.narrative,
            worker: { occupation: KEPT.occupation },
          }),
          declaration('E-Q', ERASED_ID, {
            injuryNature: 'at-work',
            narrative: ERASED.quarantinedNarrative,
            worker: {
              occupation: ERASED.quarantinedOccupation,
              gender: 'male',
            },
          }),
        ],
      })
      .expect(200);
    expect(
      json.body.results.map((r: { outcome: string }) => r.outcome),
    ).toEqual(['accepted', 'corrected', 'accepted', 'quarantined']);
    // CSV batch: the same worker again.
    const csv = [
      'claimId,employer.uscc,injuredAt,declaredAt,determination,injuryNature,accidentType.standard,accidentType.code,severity,medicalTreatmentClaim,worker.idNumber,worker.occupation,narrative',
      `E-CSV,${USCC},2026-02-26T08:00:00+08:00,2026-02-27,recognised,workplace,GB6441-86,06,minor,true,${ERASED_ID},${ERASED.csvOccupation},${ERASED.csvNarrative}`,
    ].join('\r\n');
    const uploaded = await request(t.http)
      .post(`/api/v1/hr-feed/batches?feedWeek=${WEEK}`)
      .set(
        'Authorization',
        `Bearer ${t.tokenFor({ role: 'hr-feed', sub: 'hr-1' })}`,
      )
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(
      uploaded.body.results.map((r: { outcome: string }) => r.outcome),
    ).toEqual(['accepted']);
    ingestedAt = t.clock.now().toISOString();
    t.clock.advance(60_000);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('stores the personal fields sealed: no plaintext in the event rows, readable through the routes', async () => {
    expect(
      bytesHolding(
        t.config.eventStore.kind === 'sqlite'
          ? t.config.eventStore.filename
          : '',
        { ...ERASED, ...KEPT },
      ),
    ).toEqual([]);
    const [received] = await t.store.readStream('injury-E-1', { maxCount: 1 });
    expect(received).toMatchObject({
      schemaVersion: 2,
      data: { personal: { alg: 'A256GCM' } },
    });
    expect(received.data).not.toHaveProperty('narrative');

    const e1 = (await read('/injury-cases/E-1')).body;
    expect(e1.declaration).toMatchObject({
      occupation: ERASED.occupation,
      narrative: ERASED.correctedNarrative,
      bodyPart: ERASED.bodyPart,
      disabilityGrade: 7,
      personalDataErased: false,
    });
    erasedRef = e1.declaration.workerRef;
    keptRef = (await read('/injury-cases/K-1')).body.declaration.workerRef;
    expect((await read('/injury-cases/E-CSV')).body.declaration).toMatchObject({
      workerRef: erasedRef,
      occupation: ERASED.csvOccupation,
      narrative: ERASED.csvNarrative,
    });
    const [quarantined] = (await read(`/hr-feed/quarantine?feedWeek=${WEEK}`))
      .body.items;
    expect(quarantined).toMatchObject({
      claimId: 'E-Q',
      personalDataErased: false,
      record: {
        narrative: ERASED.quarantinedNarrative,
        worker: {
          workerRef: erasedRef,
          occupation: ERASED.quarantinedOccupation,
          gender: 'male',
        },
      },
    });
  });

  it('after erase-worker: no route, export or read model shows the personal fields; figures and chain unchanged', async () => {
    const before = new Map<string, unknown>();
    for (const path of FIGURES) before.set(path, (await read(path)).body);
    expect(before.get(FIGURES[0])).toMatchObject({
      received: 3,
      corrected: 1,
      quarantined: 1,
      bySeverity: { minor: 1, serious: 2 },
    });
    expect(before.get(FIGURES[1])).toMatchObject({
      aboveScaleWorkInjuryAccidents: { current: 3 },
      aboveScaleMedicalTreatmentClaims: { current: 3 },
    });

    const first = await runCli(
      eraseWorkerCommand,
      ['erase-worker', erasedRef, '--actor', 'admin-1'],
      t.config.dataDir,
    );
    expect(first).toMatchObject({
      code: 0,
      result: { ok: true, workerRef: erasedRef, erasedNow: true },
    });
    const again = await runCli(
      eraseWorkerCommand,
      ['erase-worker', erasedRef],
      t.config.dataDir,
    );
    expect(again).toMatchObject({
      code: 0,
      result: {
        erasedNow: false,
        erasedAt: first.result.erasedAt,
        globalPosition: first.result.globalPosition,
      },
    });
    expect(
      (
        await runCli(
          eraseWorkerCommand,
          ['erase-worker', 'not-a-ref'],
          t.config.dataDir,
        )
      ).code,
    ).toBe(2);

    // Recorded once, for the audit trail, naming the pseudonym only.
    const erasures = await t.store.readStream(`personal-data-${erasedRef}`);
    expect(erasures.map((e) => [e.type, e.data, e.metadata.actor])).toEqual([
      ['WorkerPersonalDataErased', { workerRef: erasedRef }, 'admin-1'],
    ]);

    // Every route: none of the erased worker's text; table-driven.
    for (const path of ROUTES()) {
      const body = JSON.stringify((await read(path)).body);
      expect({ path, leaked: containsAny(body, ERASED) }).toEqual({
        path,
        leaked: [],
      });
    }
    // The erased fields say why they are empty; the other worker keeps theirs.
    for (const claimId of ['E-1', 'E-CSV']) {
      expect(
        (await read(`/injury-cases/${claimId}`)).body.declaration,
      ).toMatchObject({
        workerRef: erasedRef,
        occupation: null,
        narrative: null,
        bodyPart: null,
        disabilityGrade: null,
        personalDataErased: true,
        severity: expect.any(String),
      });
    }
    expect(
      (await read(`/injury-cases/E-1?asRecordedAt=${ingestedAt}`)).body
        .declaration,
    ).toMatchObject({ narrative: null, personalDataErased: true });
    expect((await read('/injury-cases/K-1')).body.declaration).toMatchObject({
      workerRef: keptRef,
      occupation: KEPT.occupation,
      narrative: KEPT.narrative,
      personalDataErased: false,
    });
    const [quarantined] = (await read(`/hr-feed/quarantine?feedWeek=${WEEK}`))
      .body.items;
    expect(quarantined).toMatchObject({
      claimId: 'E-Q',
      personalDataErased: true,
      record: { claimId: 'E-Q', worker: { workerRef: erasedRef } },
    });
    expect(quarantined.record).not.toHaveProperty('narrative');

    // The figures do not move.
    for (const path of FIGURES)
      expect({ path, body: (await read(path)).body }).toEqual({
        path,
        body: before.get(path),
      });

    // Read models, queried directly: none of the erased text.
    const readModels = new Database(
      join(t.config.dataDir, 'read-models.sqlite'),
      { readonly: true },
    );
    try {
      for (const table of [
        'injury_case_view',
        'hr_feed_quarantine',
        'reporting_fact',
      ]) {
        const rows = JSON.stringify(
          readModels.prepare(`SELECT * FROM ${table}`).all(),
        );
        expect({ table, leaked: containsAny(rows, ERASED) }).toEqual({
          table,
          leaked: [],
        });
      }
    } finally {
      readModels.close();
    }

    // The export holds ciphertext only, and verifies with both verifiers; so does the store's chain.
    const exported = await request(t.http)
      .get('/api/v1/audit/export')
      .set(
        'Authorization',
        `Bearer ${t.tokenFor({ role: 'auditor', sub: 'auditor-1' })}`,
      )
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(exported.status).toBe(200);
    const text = exported.body as string;
    expect(containsAny(text, ERASED)).toEqual([]);
    const exportFile = join(work, 'export.ndjson');
    writeFileSync(exportFile, text);
    expect(await verifyExport(text.split('\n'))).toMatchObject({ ok: true });
    const python = spawnSync('python3', [PYTHON_VERIFIER, exportFile], {
      encoding: 'utf8',
    });
    expect({
      status: python.status,
      verdict: JSON.parse(python.stdout),
    }).toMatchObject({ status: 0, verdict: { ok: true } });
    expect((await read('/audit/verify')).body).toMatchObject({
      ok: true,
      checked: await head(),
    });

    // A rebuild from the log gives the live read models, row for row.
    const replay = await t.api
      .post('/api/v1/audit/replays')
      .send({})
      .expect(200);
    expect(replay.body).toMatchObject({ identical: true, differences: [] });

    // A redelivered declaration of the erased worker keeps nothing new and is no correction.
    const redelivered = await hr()
      .post('/hr-feed/batches', {
        feedWeek: WEEK,
        records: [
          declaration('E-1', ERASED_ID, {
            bodyPart: ERASED.bodyPart,
            disabilityGrade: 7,
            narrative: ERASED.correctedNarrative,
            worker: { occupation: ERASED.occupation },
          }),
        ],
      })
      .expect(200);
    expect(
      redelivered.body.results.map((r: { outcome: string }) => r.outcome),
    ).toEqual(['duplicate']);
    expect(
      bytesHolding(
        t.config.eventStore.kind === 'sqlite'
          ? t.config.eventStore.filename
          : '',
        { ...ERASED, ...KEPT },
      ),
    ).toEqual([]);
  });

  it('a backup carries the key table: restored, the kept worker reads, the erased one stays erased', async () => {
    const file = join(work, 'safety.backup');
    const backup = await runCli(
      backupCommand,
      ['backup', file],
      t.config.dataDir,
    );
    expect(backup).toMatchObject({ code: 0, result: { ok: true } });
    expect(backup.result.files).toContain('personal-data-keys.sqlite');
    const target = join(work, 'restored');
    expect((await runCli(restoreCommand, ['restore', file], target)).code).toBe(
      0,
    );
    const restored = await createTestApp({ DATA_DIR: target });
    try {
      const get = async (path: string) =>
        (
          await apiAs(restored, 'auditor-1', { role: 'auditor' })
            .get(`${path}?minPosition=${await restored.store.headPosition()}`)
            .expect(200)
        ).body;
      expect((await get('/injury-cases/K-1')).declaration).toMatchObject({
        occupation: KEPT.occupation,
        narrative: KEPT.narrative,
      });
      expect((await get('/injury-cases/E-1')).declaration).toMatchObject({
        occupation: null,
        narrative: null,
        personalDataErased: true,
      });
    } finally {
      await restored.close();
    }
  });
});
