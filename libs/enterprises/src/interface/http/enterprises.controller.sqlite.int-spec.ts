import 'reflect-metadata';
import {
  Global,
  Module,
  ValidationPipe,
  type INestApplication,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import {
  EVENT_STORE,
  createEventStore,
  type EventStore,
} from '@app/event-store';
import { ReferenceDataModule } from '@app/reference-data/nest';
import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import { FixedClock } from '@app/shared-kernel';
import { attachPrincipal } from '@app/access';
import { USCC } from '../../testing/enterprise.factory.js';
import { EnterprisesModule } from '../../enterprises.module.js';
import { ENTERPRISE_ENTITIES } from '../../infrastructure/enterprise-view.entity.js';

/** Wiring check of the module and controller (no problem-details filter here: that is the app's). */
describe('EnterprisesController wiring (SQLite read model, SQLite event store in memory)', () => {
  let app: INestApplication;
  let store: EventStore;

  beforeAll(async () => {
    store = await createEventStore(
      { kind: 'sqlite', filename: ':memory:' },
      new FixedClock('2024-09-12T01:00:00.000Z'),
    );

    @Global()
    @Module({
      providers: [{ provide: EVENT_STORE, useValue: store }],
      exports: [EVENT_STORE],
    })
    class SqliteEventStoreModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        CqrsModule.forRoot(),
        SqliteEventStoreModule,
        ReferenceDataModule.forRoot(DEFAULT_REFERENCE_DATA),
        TypeOrmModule.forRoot({
          type: 'better-sqlite3',
          database: ':memory:',
          entities: ENTERPRISE_ENTITIES,
          synchronize: true,
        }),
        EnterprisesModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication();
    // The api's access guard is not wired here: every request acts as one verified officer.
    app.use((req: object, _res: unknown, next: () => void) => {
      attachPrincipal(req as never, {
        sub: 'officer-li',
        roles: ['officer'],
        zones: ['zone-1'],
      });
      next();
    });
    app.useGlobalPipes(
      new ValidationPipe({
        whitelist: true,
        transform: true,
        forbidNonWhitelisted: true,
      }),
    );
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('registers, enrols and reads the history; validates bodies', async () => {
    const body = {
      uscc: USCC,
      name: '示例公司',
      zoneId: 'zone-1',
      township: '东山街道',
      industryCode: 'C3311',
      aboveDesignatedSize: true,
      headcount: 10,
    };
    const created = await request(app.getHttpServer())
      .post('/enterprises')
      .send(body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      streamName: `enterprise-${USCC}`,
      streamPosition: 0,
      globalPosition: 1,
      uscc: USCC,
    });

    const enrolled = await request(app.getHttpServer())
      .post(`/enterprises/${USCC}/enrolment`)
      .set('if-match', '0')
      .send({ cohort: 'pilot', effectiveAt: '2024-09-01T08:00:00+08:00' });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.streamPosition).toBe(1);

    const history = await request(app.getHttpServer()).get(
      `/enterprises/${USCC}/history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'EnterpriseRegistered',
      'ResponsibilityProgramEnrolled',
    ]);
    expect(history.body.events[1]).toMatchObject({
      actor: 'officer-li',
      effectiveAt: '2024-09-01T00:00:00.000Z',
      streamPosition: 1,
    });

    const bad = await request(app.getHttpServer())
      .post(`/enterprises/${USCC}/enrolment`)
      .send({ cohort: 'beta', zone: 1 });
    expect(bad.status).toBe(400);
  });
});
