import request from 'supertest';
import { enterpriseRegistration } from '@app/enterprises/testing';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

describe('/health/ready shows how far behind the reports are', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()));
  });

  it('reports the lag and the age of the oldest event the reports do not show yet', async () => {
    const t = await createTestApp(
      { RUN_PROJECTOR: 'false' },
      '2026-03-02T01:00:00.000Z',
    );
    apps.push(t);
    await apiAs(t, 'officer-1')
      .post('/enterprises', enterpriseRegistration())
      .expect(201);
    t.clock.set('2026-03-02T01:01:30.000Z');
    const { body } = await request(t.http).get('/health/ready').expect(200);
    expect(body.checks.reports).toMatchObject({
      status: 'up',
      projector: 'reporting.facts',
      position: 0,
      lag: 1,
      ageSeconds: 90,
    });
    expect(body.checks.reports.reports.zoneCompetition).toEqual({
      position: 0,
      lag: 1,
      ageSeconds: 90,
    });
  });

  it('shows no lag and age 0 once the reports have caught up', async () => {
    const t = await createTestApp();
    apps.push(t);
    const { body: written } = await apiAs(t, 'officer-1')
      .post('/enterprises', enterpriseRegistration())
      .expect(201);
    await apiAs(t, 'leader-1')
      .get(
        `/zones/competition?month=2026-03&minPosition=${written.globalPosition}`,
      )
      .expect(200);
    t.clock.set('2026-03-02T05:00:00.000Z');
    const { body } = await request(t.http).get('/health/ready').expect(200);
    expect(body.checks.reports).toMatchObject({
      position: written.globalPosition,
      lag: 0,
      ageSeconds: 0,
    });
  });
});
