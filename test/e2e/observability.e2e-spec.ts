import { hrDeclaration } from '@app/hr-feed-contracts/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger, PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import { loadAppConfig } from '@app/app-config';
import { FixedClock } from '@app/shared-kernel';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import { enterpriseRegistration, ZONE_2_USCC } from '@app/enterprises/testing';

const ID_NUMBER = '430381199001011234';
const NARRATIVE = '操作冲压机时右手被模具压伤，送湘乡市人民医院';
/** The embedded admin token the api writes at boot: a real credential that must never reach a log line. */
let TOKEN = '';

/** Parses the Prometheus text format into { 'name{labels}': value }. */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match =
      /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (-?[\d.e+-]+|NaN|\+Inf|-Inf)$/.exec(
        line,
      );
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    samples.set(match[1], Number(match[2]));
  }
  return samples;
}

const sum = (samples: Map<string, number>, prefix: string, labelPart = '') =>
  [...samples]
    .filter(([key]) => key.startsWith(prefix) && key.includes(labelPart))
    .reduce((total, [, value]) => total + value, 0);

describe('metrics and structured logs (embedded default)', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let dataDir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'safety-obs-'));
    const config = loadAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'debug' });
    app = await NestFactory.create(
      ApiModule.forRoot({
        config,
        clock: new FixedClock('2026-03-02T01:00:00.000Z'),
        logDestination: { write: (line: string) => void lines.push(line) },
      }),
      { bodyParser: false, bufferLogs: true },
    );
    app.useLogger(app.get(Logger));
    configureApp(app);
    await app.init();
    http = app.getHttpServer();
    TOKEN = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs one JSON line per request with the correlation id, and never an ID number, a narrative or a token', async () => {
    await request(http)
      .post('/api/v1/enterprises')
      .set('authorization', `Bearer ${TOKEN}`)
      .send(enterpriseRegistration())
      .expect(201);
    const batch = await request(http)
      .post('/api/v1/hr-feed/batches')
      .set('x-correlation-id', 'corr-redaction-1')
      .set('authorization', `Bearer ${TOKEN}`)
      .send({
        feedWeek: '2026-W09',
        records: [
          hrDeclaration({
            claimId: 'HR-LOG-1',
            employer: { uscc: ZONE_2_USCC, name: '湘乡市示范机械制造有限公司' },
            narrative: NARRATIVE,
            worker: { idNumber: ID_NUMBER, occupation: '冲压工' },
          }),
        ],
      })
      .expect(200);
    expect(batch.headers['x-correlation-id']).toBe('corr-redaction-1');
    // Positive controls: the ID number in a URL, and code that logs a whole record, both reach the log...
    await request(http)
      .get(`/api/v1/injury-cases/${ID_NUMBER}`)
      .set('authorization', `Bearer ${TOKEN}`);
    const logger = await app.resolve(PinoLogger);
    logger.setContext('RedactionProbe');
    logger.info(
      {
        record: {
          claimId: 'HR-LOG-1',
          narrative: NARRATIVE,
          worker: { idNumber: ID_NUMBER },
        },
      },
      `declaration of ${ID_NUMBER}`,
    );

    const output = lines.join('');
    const parsed = lines.map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
    const access = parsed.find(
      (l) => (l.req as { url?: string })?.url === '/api/v1/hr-feed/batches',
    );
    expect(access).toMatchObject({
      level: 'info',
      correlationId: 'corr-redaction-1',
      service: 'api',
      res: { statusCode: 200 },
    });
    expect(access!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const probe = parsed.find((l) => l.context === 'RedactionProbe');
    expect(probe).toMatchObject({
      record: {
        claimId: 'HR-LOG-1',
        narrative: '[redacted]',
        worker: { idNumber: '[redacted]' },
      },
    });
    expect(probe!.msg).toBe('declaration of [id-number-redacted]');
    expect(output).toContain('/api/v1/injury-cases/[id-number-redacted]');
    // ...and neither they nor the token are anywhere in what was written.
    expect(output).not.toContain(ID_NUMBER);
    expect(output).not.toContain(NARRATIVE);
    expect(output).not.toContain(TOKEN);
    // eslint-disable-next-line no-control-regex -- ESC is the start of every colour code
    expect(output).not.toMatch(/\u001b\[/); // no colour codes in JSON
  });

  it('exposes the service series at GET /metrics, outside /api/v1 and the OpenAPI document', async () => {
    // The write of the previous test has been projected before the gauges are read.
    await request(http)
      .get('/api/v1/injury-cases/HR-LOG-1?minPosition=3')
      .set('authorization', `Bearer ${TOKEN}`)
      .expect(200);
    await request(http)
      .post('/api/v1/enterprises')
      .set('authorization', `Bearer ${TOKEN}`)
      .send({ uscc: 'nope' })
      .expect(400);

    const response = await request(http).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const samples = parseMetrics(response.text);

    expect(samples.get('event_store_head_position')).toBeGreaterThanOrEqual(3);
    const head = samples.get('event_store_head_position')!;
    for (const projector of [
      'enterprise-view',
      'injuries.injury-case-view',
      'injuries.recurrence',
    ]) {
      const key = [...samples.keys()].find(
        (k) => k.startsWith('projection_position{') && k.includes(projector),
      );
      expect({ projector, found: key !== undefined }).toEqual({
        projector,
        found: true,
      });
      expect(samples.get(key!)).toBe(head);
      expect(
        samples.get(
          key!.replace('projection_position', 'projection_lag_events'),
        ),
      ).toBe(0);
    }
    expect(
      sum(samples, 'commands_total{', 'outcome="accepted"'),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sum(samples, 'commands_total{', 'outcome="rejected"'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sum(samples, 'event_store_appends_total{', 'outcome="stored"'),
    ).toBeGreaterThanOrEqual(2);
    expect(samples.get('hr_feed_records_total{outcome="accepted"}')).toBe(1);
    expect(samples.get('hr_feed_quarantined_records')).toBe(0);
    expect(samples.get('injury_cases_follow_up_overdue')).toBe(0);
    expect(
      samples.get(
        'http_request_duration_seconds_count{method="POST",route="/api/v1/hr-feed/batches",status="200"}',
      ),
    ).toBe(1);
    expect(
      sum(
        samples,
        'http_request_duration_seconds_count{',
        'route="/api/v1/injury-cases/:claimId"',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(samples.get('process_resident_memory_bytes')).toBeGreaterThan(0);

    const document = await request(http)
      .get('/api/v1/openapi.json')
      .expect(200);
    // The Prometheus endpoint is absent; the report routes under /api/v1/metrics/… are API operations.
    expect(
      Object.keys(document.body.paths).filter(
        (path) => path === '/metrics' || path === '/api/v1/metrics',
      ),
    ).toEqual([]);
    await request(http).get('/api/v1/metrics').expect(404);
  });
});
