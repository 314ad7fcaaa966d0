import { inMemoryReadModels } from '@app/projections/testing';
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import type { StoredEvent } from '@app/event-store';
import { projectEvents } from '@app/projections';
import type { EnterpriseEvent } from '../domain/enterprise.events.js';
import { USCC, anEnterprise as a } from '../testing/enterprise.factory.js';
import {
  ENTERPRISE_ENTITIES,
  EnterpriseViewEntity,
} from './enterprise-view.entity.js';
import { EnterpriseViewProjector } from './enterprise-view.projector.js';
import { EnterpriseQueries } from './enterprise.queries.js';

const stored = (events: EnterpriseEvent[]): StoredEvent[] =>
  events.map((event, i) => ({
    eventId: `e-${i}`,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: { ...event.data },
    metadata: {
      actor: 'officer-li',
      correlationId: 'c',
      causationId: null,
      recordedAt: `2024-09-${String(10 + i).padStart(2, '0')}T01:00:00.000Z`,
      effectiveAt: `2024-09-${String(10 + i).padStart(2, '0')}T00:00:00.000Z`,
    },
    streamName: `enterprise-${event.data.uscc}`,
    streamPosition: BigInt(i),
    globalPosition: BigInt(i + 1),
    prevHash: '',
    hash: '',
  }));

describe('EnterpriseViewProjector (SQLite)', () => {
  let dataSource: DataSource;
  const projector = new EnterpriseViewProjector(DEFAULT_REFERENCE_DATA);
  const history = stored([
    ...a.readyForModel(),
    a.officerAssigned(),
    a.trainingRecorded(),
    a.trainingRecorded({ sessionId: 's-2', audience: 'manager', attendees: 7 }),
    a.designated(),
    a.reviewFlagRaised(),
  ]);

  beforeEach(async () => {
    dataSource = await inMemoryReadModels(ENTERPRISE_ENTITIES);
  });
  afterEach(() => dataSource.destroy());

  // One event per page and whole pages: a row must come out the same either way.
  const project = async (events: StoredEvent[], pageSize = 1) =>
    projectEvents(dataSource, projector, events, { pageSize });
  const rows = () => dataSource.getRepository(EnterpriseViewEntity).find();

  it('builds the enterprise view and its stage from the stream', async () => {
    await project(history);
    const [row] = await rows();
    expect(row).toMatchObject({
      uscc: USCC,
      stage: 'model',
      cohort: 'pilot',
      postsCovered: 40,
      assessments: 1,
      trainingSessions: 2,
      trainingAttendees: { principal: 0, manager: 7, employee: 60 },
      modelEnterprise: true,
      reviewFlags: [
        {
          reason: 'fatal injury',
          sourceRef: 'injury-C1',
          raisedAt: expect.any(String),
        },
      ],
      lastStreamPosition: history.length - 1,
    });
    expect(row.componentsEstablished).toHaveLength(5);
  });

  it('gives identical rows when events are delivered again, in pages of any size', async () => {
    await project(history);
    const first = await rows();
    await dataSource.getRepository(EnterpriseViewEntity).clear();
    await project(history, 4);
    expect(await rows()).toEqual(first);
    await project(history);
    await project(history.slice(3));
    expect(await rows()).toEqual(first);
  });

  it('lists with filters and text search, and serves one enterprise view', async () => {
    await project(history);
    await project(
      stored([
        a.registered({
          uscc: '914303810000000230',
          name: '湘乡另一家公司',
          zoneId: 'zone-2',
        }),
      ]),
    );
    const queries = new EnterpriseQueries(dataSource, DEFAULT_REFERENCE_DATA);
    expect(
      (await queries.list({ zoneId: 'zone-2' })).items.map((e) => e.uscc),
    ).toEqual(['914303810000000230']);
    expect((await queries.list({ stage: 'model' })).total).toBe(1);
    expect((await queries.list({ q: '另一家' })).total).toBe(1);
    expect((await queries.list({ q: '91110108' })).items[0].uscc).toBe(USCC);
    expect((await queries.list({ page: 2, pageSize: 1 })).items).toHaveLength(
      1,
    );
    const view = await queries.getOne(USCC.toLowerCase());
    expect(view).toMatchObject({
      zone: { id: 'zone-1', name: '一片区' },
      stage: 'model',
      coverage: { postCoverage: 1 },
    });
    expect(view?.components.every((c) => c.established)).toBe(true);
    expect(await queries.getOne('914303810000000000')).toBeNull();
  });
});
