import { jest } from '@jest/globals';
import {
  createEventStore,
  StreamVersionConflictError,
  type EventStore,
} from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';
import { feedExample } from '@app/hr-feed-contracts/testing';
import { pseudonymiseWorkerId } from '@app/injuries';
import { FakeReviewFlagCommandBus, inMemoryVault } from '@app/injuries/testing';
import { feedIngestion } from '../../testing/feed-ingestion.js';

const vault = inMemoryVault();

const declaration = (
  overrides: Record<string, unknown> = {},
): Record<string, any> => ({
  ...JSON.parse(feedExample('valid-declaration.json')),
  ...overrides,
});
const SECRET = 'test-secret';
const REGISTERED = '91430381000001001Y';
const meta = { actor: 'hr-feed', correlationId: 'batch-1' };

const opened: EventStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** The service over the real SQLite adapter on a private in-memory database. */
async function setup() {
  const store = await createEventStore(
    { kind: 'sqlite', filename: ':memory:' },
    new FixedClock('2024-09-01T00:00:00Z'),
  );
  opened.push(store);
  const commandBus = new FakeReviewFlagCommandBus();
  const service = feedIngestion(store, vault, {
    secret: SECRET,
    zones: { [REGISTERED]: 'zone-2' },
    reviewFlags: commandBus,
  });
  /** What the feed-week streams hold: the quarantine and manifests as the projector will see them. */
  const feedWeekEvents = async (type: string) =>
    (
      await vault.decodeAll(
        await store.readAll({ streamPrefix: 'hr-feed-week-', types: [type] }),
      )
    ).map((e) => e.data as Record<string, any>);
  const quarantine = {
    list: async (f: { feedWeek?: string }) =>
      (await feedWeekEvents('FeedRecordQuarantined')).filter(
        (q) => !f.feedWeek || q.feedWeek === f.feedWeek,
      ),
  };
  return { store, quarantine, service, commandBus, feedWeekEvents };
}

describe('IngestFeedRecordService', () => {
  it('a new declaration is received with the worker pseudonym and the enterprise zone, and a visit is scheduled', async () => {
    const { store, service } = await setup();
    const result = await service.ingest(
      { raw: feedExample('valid-declaration.json'), source: 'kafka' },
      meta,
    );

    expect(result).toEqual({
      outcome: 'accepted',
      claimId: 'XX-2024-000123',
      globalPosition: 2,
    });
    expect(
      (await store.readStream('injury-XX-2024-000123')).map((e) => e.type),
    ).toEqual(['InjuryDeclarationReceived', 'FollowUpVisitScheduled']);
    const stored = (await store.readAll())[0];
    // Stored sealed (docs/decisions/0230), read back through the vault.
    expect(stored.data).toMatchObject({
      personal: {
        alg: 'A256GCM',
        subject: pseudonymiseWorkerId('430381199001011234', SECRET),
      },
    });
    expect(stored.data).not.toHaveProperty('occupation');
    const data = (await vault.decode(stored)).data;
    expect(data).toMatchObject({
      claimId: 'XX-2024-000123',
      zoneId: 'zone-2',
      workerRef: pseudonymiseWorkerId('430381199001011234', SECRET),
      accidentType: { standard: 'GB6441-86', code: '03', name: '机械伤害' },
      occupation: '冲压工',
    });
    expect(
      JSON.stringify((await store.readAll()).map((e) => e.data)),
    ).not.toContain('430381199001011234');
    expect(data).not.toHaveProperty('worker');
    expect((await store.readAll())[1].data).toEqual({ dueBy: '2024-08-29' });
  });

  it('the same message delivered again appends nothing (duplicate)', async () => {
    const { store, service } = await setup();
    await service.ingest(
      { raw: feedExample('valid-declaration.json'), source: 'kafka' },
      meta,
    );
    const again = await service.ingest(
      { raw: feedExample('valid-declaration.json'), source: 'kafka' },
      meta,
    );
    expect(again).toEqual({ outcome: 'duplicate', claimId: 'XX-2024-000123' });
    expect(await store.readAll()).toHaveLength(2);
  });

  it('a crash between append and offset commit cannot double-append: two deliveries decided on the same version share event ids', async () => {
    const { store, service } = await setup();
    // both deliveries load the empty stream before either appends (simulated by racing them)
    const [a, b] = await Promise.all([
      service.ingest(
        { raw: feedExample('valid-declaration.json'), source: 'kafka' },
        meta,
      ),
      service.ingest(
        { raw: feedExample('valid-declaration.json'), source: 'kafka' },
        meta,
      ),
    ]);
    for (const r of [a, b])
      expect(['accepted', 'duplicate']).toContain(r.outcome);
    expect((await store.readAll()).map((e) => e.type)).toEqual([
      'InjuryDeclarationReceived',
      'FollowUpVisitScheduled',
    ]);
  });

  it('changed content is corrected with the changed fields and the feed week', async () => {
    const { store, service } = await setup();
    await service.ingest({ value: declaration(), source: 'http' }, meta);
    const result = await service.ingest(
      {
        value: declaration({
          feedWeek: '2024-W36',
          severity: 'serious',
          disabilityGrade: 9,
        }),
        source: 'http',
      },
      meta,
    );
    expect(result.outcome).toBe('corrected');
    const corrected = (await store.readAll())[2];
    expect(corrected.data).toMatchObject({
      changes: { severity: 'serious' },
      personal: { alg: 'A256GCM' },
    });
    expect(await vault.decode(corrected)).toMatchObject({
      type: 'InjuryDeclarationCorrected',
      data: {
        changes: { severity: 'serious', disabilityGrade: 9 },
        feedWeek: '2024-W36',
      },
    });
  });

  it('A → B → A → B: each change is appended (event ids include the stream version)', async () => {
    const { store, service } = await setup();
    const a = declaration();
    const b = declaration({ bodyPart: '右手' });
    for (const value of [a, b, a, b])
      await service.ingest({ value, source: 'http' }, meta);
    expect((await store.readAll()).map((e) => e.type)).toEqual([
      'InjuryDeclarationReceived',
      'FollowUpVisitScheduled',
      'InjuryDeclarationCorrected',
      'InjuryDeclarationCorrected',
      'InjuryDeclarationCorrected',
    ]);
  });

  it('determination not-recognised withdraws the case', async () => {
    const { store, service } = await setup();
    await service.ingest({ value: declaration(), source: 'http' }, meta);
    const result = await service.ingest(
      {
        value: declaration({
          determination: 'not-recognised',
          feedWeek: '2024-W37',
        }),
        source: 'http',
      },
      meta,
    );
    expect(result).toEqual({
      outcome: 'withdrawn',
      claimId: 'XX-2024-000123',
      globalPosition: 3,
    });
    expect((await store.readAll())[2]).toMatchObject({
      type: 'InjuryDeclarationWithdrawn',
      data: { feedWeek: '2024-W37' },
    });
  });

  it('an unregistered uscc is accepted into zone "unassigned"; a commuting injury gets no visit by default', async () => {
    const { store, service } = await setup();
    const result = await service.ingest(
      { raw: feedExample('valid-declaration-commute.json'), source: 'kafka' },
      meta,
    );
    expect(result.outcome).toBe('accepted');
    expect((await store.readAll()).map((e) => e.type)).toEqual([
      'InjuryDeclarationReceived',
    ]);
    expect((await store.readAll())[0].data).toMatchObject({
      zoneId: 'unassigned',
      injuryNature: 'commute',
    });
  });

  it('an invalid record is quarantined as an event with every reason, and the ID number is never kept', async () => {
    const { store, quarantine, service } = await setup();
    const result = await service.ingest(
      { raw: feedExample('invalid-uscc-check-char.json'), source: 'kafka' },
      meta,
    );
    expect(result).toEqual({
      outcome: 'quarantined',
      claimId: 'XX-2024-000123',
      reasons: [{ path: '/employer/uscc', message: expect.any(String) }],
      globalPosition: 1,
    });
    expect((await store.readAll()).map((e) => [e.streamName, e.type])).toEqual([
      ['hr-feed-week-2024-W35', 'FeedRecordQuarantined'],
    ]);
    const [row] = await quarantine.list({ feedWeek: '2024-W35' });
    expect(row).toMatchObject({
      source: 'kafka',
      claimId: 'XX-2024-000123',
      feedWeek: '2024-W35',
    });
    expect(row.record.worker).toEqual({
      occupation: '冲压工',
      gender: 'male',
      workerRef: pseudonymiseWorkerId('430381199001011234', SECRET),
    });
    expect(
      JSON.stringify((await store.readAll()).map((e) => e.data)),
    ).not.toContain('430381199001011234');
  });

  it('the same bad record delivered again appends nothing', async () => {
    const { store, service } = await setup();
    const first = await service.ingest(
      { raw: feedExample('invalid-enum.json'), source: 'kafka' },
      meta,
    );
    const again = await service.ingest(
      { raw: feedExample('invalid-enum.json'), source: 'kafka' },
      meta,
    );
    expect(again).toEqual(first);
    expect(await store.readAll()).toHaveLength(1);
  });

  it('unparseable input is quarantined once per content, as a hash, a length and redacted text', async () => {
    const { store, quarantine, service } = await setup();
    const raw = '{"claimId":"X1","worker":{"idNumber":"430381199001011234"';
    await service.ingest({ raw, source: 'kafka' }, meta);
    await service.ingest({ raw, source: 'kafka' }, meta);
    const rows = await quarantine.list({});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      feedWeek: 'unknown',
      claimId: null,
      record: {
        unparseable: {
          byteLength: Buffer.byteLength(raw),
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          text: expect.stringContaining('[id-number-redacted]'),
        },
      },
    });
    expect(
      JSON.stringify((await store.readAll()).map((e) => e.data)),
    ).not.toContain('430381199001011234');
  });

  it('redacts ID numbers wherever a malformed record carries them: odd fields, keys, long numbers, glued digits', async () => {
    const { store, service } = await setup();
    await service.ingest(
      {
        value: declaration({
          extra: 'see 4303811990010112345',
          // eslint-disable-next-line no-loss-of-precision -- a sender's ID number as a JSON number, digits lost and all
          worker: { idNumber: 430381199001011234 },
          ['430381199001011234']: true,
          narrative: 'id 43038119900101123x',
        }),
        source: 'http',
      },
      meta,
    );
    const text = JSON.stringify((await store.readAll()).map((e) => e.data));
    expect((await store.readAll())[0].type).toBe('FeedRecordQuarantined');
    for (const fragment of [
      '430381199001011234',
      '43038119900101123',
      '4303811990010112',
    ])
      expect(text).not.toContain(fragment);
  });

  it('quarantines an unknown accident type code and a record of another week than its batch', async () => {
    const { service } = await setup();
    const unknownType = await service.ingest(
      {
        value: declaration({
          accidentType: { standard: 'GB6441-86', code: '99' },
        }),
        source: 'http',
      },
      meta,
    );
    expect(unknownType.reasons).toEqual([
      { path: '/accidentType/code', message: expect.any(String) },
    ]);
    const otherWeek = await service.ingest(
      { value: declaration(), source: 'http', batchFeedWeek: '2024-W36' },
      meta,
    );
    expect(otherWeek.reasons).toEqual([
      { path: '/feedWeek', message: expect.stringContaining('2024-W36') },
    ]);
  });

  it('quarantines a record that could not be mapped with the mapping reasons and the schema reasons', async () => {
    const { service } = await setup();
    const result = await service.ingest(
      {
        value: declaration({ severity: undefined }),
        source: 'http',
        mappingErrors: [
          { path: '', message: 'CSV line 3 has 18 fields; the header has 19' },
        ],
      },
      meta,
    );
    expect(result.reasons).toEqual([
      { path: '', message: 'CSV line 3 has 18 fields; the header has 19' },
      { path: '/severity', message: expect.any(String) },
    ]);
  });

  it('records a manifest as FeedManifestReceived on the week stream, once per content', async () => {
    const { store, service, feedWeekEvents } = await setup();
    const result = await service.ingest(
      { raw: feedExample('valid-manifest.json'), source: 'kafka' },
      meta,
    );
    await service.ingest(
      { raw: feedExample('valid-manifest.json'), source: 'kafka' },
      meta,
    );
    expect(result).toEqual({
      outcome: 'accepted',
      manifestFeedWeek: '2024-W35',
      globalPosition: 1,
    });
    expect((await store.readAll())[0].streamName).toBe('hr-feed-week-2024-W35');
    expect(await feedWeekEvents('FeedManifestReceived')).toEqual([
      {
        feedWeek: '2024-W35',
        expectedCount: 2,
        claimIds: ['XX-2024-000123', 'XX-2024-000124'],
        source: 'kafka',
      },
    ]);
  });

  it('a fatal declaration asks the enterprise for a review flag, on every delivery, with the case as sourceRef', async () => {
    const { service, commandBus } = await setup();
    await service.ingest(
      { value: declaration({ severity: 'fatal' }), source: 'http' },
      meta,
    );
    await service.ingest(
      { value: declaration({ severity: 'fatal' }), source: 'http' },
      meta,
    );
    expect(
      commandBus.executed.map((c) => [c.props.uscc, c.props.sourceRef]),
    ).toEqual([
      [REGISTERED, 'injury-XX-2024-000123'],
      [REGISTERED, 'injury-XX-2024-000123'],
    ]);
  });

  it('no review flag for a non-fatal, a withdrawn or an unregistered-enterprise case', async () => {
    const { service, commandBus } = await setup();
    await service.ingest({ value: declaration(), source: 'http' }, meta);
    await service.ingest(
      {
        value: declaration({
          claimId: 'W-1',
          severity: 'fatal',
          determination: 'not-recognised',
        }),
        source: 'http',
      },
      meta,
    );
    await service.ingest(
      {
        value: declaration({
          claimId: 'U-1',
          severity: 'fatal',
          employer: { uscc: '91110108551385082Q' },
        }),
        source: 'http',
      },
      meta,
    );
    expect(commandBus.executed).toEqual([]);
  });
});

describe('IngestFeedRecordService reads feed contract v1 as v2', () => {
  const v2 = (overrides: Record<string, unknown> = {}) =>
    declaration({ schemaVersion: 2, ...overrides });

  it('a v1 and a v2 record of the same claim with the same facts are one case: the second is a duplicate', async () => {
    const { store, service } = await setup();
    expect(
      await service.ingest({ value: declaration(), source: 'http' }, meta),
    ).toMatchObject({ outcome: 'accepted' });
    expect(
      await service.ingest({ value: v2(), source: 'kafka' }, meta),
    ).toEqual({ outcome: 'duplicate', claimId: 'XX-2024-000123' });
    const events = await store.readStream('injury-XX-2024-000123');
    expect(events.map((e) => e.type)).toEqual([
      'InjuryDeclarationReceived',
      'FollowUpVisitScheduled',
    ]);
    expect(events[0].data).toMatchObject({ injuryNature: 'workplace' });
  });

  it('reads v1 sudden-illness as sudden-death-48h, so the v2 record of that claim is a duplicate too', async () => {
    const { store, service } = await setup();
    const v1 = declaration({
      determination: 'deemed',
      injuryNature: 'sudden-illness',
      severity: 'fatal',
    });
    await service.ingest({ value: v1, source: 'http' }, meta);
    expect(
      (await store.readStream('injury-XX-2024-000123'))[0].data,
    ).toMatchObject({ injuryNature: 'sudden-death-48h' });
    const same = await service.ingest(
      {
        value: { ...v1, schemaVersion: 2, injuryNature: 'sudden-death-48h' },
        source: 'http',
      },
      meta,
    );
    expect(same.outcome).toBe('duplicate');
  });

  it('a v2 record that changes a v1 nature corrects the case (and a business trip then gets its visit)', async () => {
    const { store, service } = await setup();
    await service.ingest(
      { value: declaration({ injuryNature: 'other' }), source: 'http' },
      meta,
    );
    const corrected = await service.ingest(
      {
        value: v2({ injuryNature: 'business-trip', feedWeek: '2024-W36' }),
        source: 'http',
      },
      meta,
    );
    expect(corrected.outcome).toBe('corrected');
    const events = await store.readStream('injury-XX-2024-000123');
    expect(events.map((e) => e.type)).toEqual([
      'InjuryDeclarationReceived',
      'InjuryDeclarationCorrected',
      'FollowUpVisitScheduled',
    ]);
    expect(events[1].data).toMatchObject({
      changes: { injuryNature: 'business-trip' },
    });
  });

  it('quarantines a v2 record whose determination does not fit its nature, naming /determination', async () => {
    const { service, quarantine } = await setup();
    const result = await service.ingest(
      { value: v2({ determination: 'deemed' }), source: 'kafka' },
      meta,
    );
    expect(result).toMatchObject({
      outcome: 'quarantined',
      reasons: [
        {
          path: '/determination',
          message: expect.stringContaining('视同工伤'),
        },
      ],
    });
    expect(await quarantine.list({})).toHaveLength(1);
  });

  it('schedules a follow-up visit for a business-trip injury (a production-safety nature by default), not for a commute', async () => {
    const { store, service } = await setup();
    await service.ingest(
      {
        value: v2({ claimId: 'TRIP-1', injuryNature: 'business-trip' }),
        source: 'http',
      },
      meta,
    );
    await service.ingest(
      {
        value: v2({ claimId: 'ROAD-1', injuryNature: 'commute' }),
        source: 'http',
      },
      meta,
    );
    expect(
      (await store.readStream('injury-TRIP-1')).map((e) => e.type),
    ).toEqual(['InjuryDeclarationReceived', 'FollowUpVisitScheduled']);
    expect(
      (await store.readStream('injury-ROAD-1')).map((e) => e.type),
    ).toEqual(['InjuryDeclarationReceived']);
  });
});

describe('IngestFeedRecordService takes the shipped v2 examples as Kafka bytes', () => {
  it('accepts the valid ones and quarantines the invalid ones with the reasons the contract names', async () => {
    const { service } = await setup();
    const v2 = (name: string) => Buffer.from(feedExample(`v2/${name}`), 'utf8');
    const outcome = async (name: string) =>
      (await service.ingest({ raw: v2(name), source: 'kafka' }, meta)).outcome;
    expect(await outcome('valid-declaration.json')).toBe('accepted');
    expect(await outcome('valid-declaration-business-trip.json')).toBe(
      'accepted',
    );
    expect(await outcome('valid-declaration-deemed-sudden-death.json')).toBe(
      'accepted',
    );
    expect(await outcome('valid-manifest.json')).toBe('accepted');
    expect(
      await service.ingest(
        { raw: v2('invalid-deemed-workplace.json'), source: 'kafka' },
        meta,
      ),
    ).toMatchObject({
      outcome: 'quarantined',
      reasons: [{ path: '/determination' }],
    });
  });
});

describe('IngestFeedRecordService.ingestBatch (one multi-stream append per run of declarations)', () => {
  const fatal = { severity: 'fatal', disabilityGrade: 1 };
  /** A batch with two new cases, a case corrected and repeated in the batch, a bad record and a manifest. */
  const batch = () => [
    { value: declaration(), source: 'http' as const },
    {
      value: declaration({ claimId: 'XX-2024-000124', ...fatal }),
      source: 'http' as const,
    },
    { value: declaration({ bodyPart: '右手' }), source: 'http' as const },
    { value: declaration({ bodyPart: '右手' }), source: 'http' as const },
    { value: { kind: 'declaration', claimId: 'bad' }, source: 'http' as const },
    {
      value: declaration({ claimId: 'XX-2024-000125' }),
      source: 'http' as const,
    },
    {
      value: JSON.parse(feedExample('valid-manifest.json')),
      source: 'http' as const,
    },
  ];
  const logOf = async (store: EventStore) =>
    (await store.readAll()).map((e) => [
      e.globalPosition,
      e.streamName,
      e.streamPosition,
      e.type,
      e.eventId,
    ]);

  it('stores the log, event for event, and gives the outcomes that ingesting one record at a time gives', async () => {
    const oneByOne = await setup();
    const expected = [];
    for (const input of batch())
      expected.push(await oneByOne.service.ingest(input, meta));
    const batched = await setup();
    const appendToStreams = jest.spyOn(batched.store, 'appendToStreams');
    const appendToStream = jest.spyOn(batched.store, 'appendToStream');

    const result = await batched.service.ingestBatch(
      batch().map((input) => ({ input, meta })),
    );

    expect(result.stoppedBy).toBeUndefined();
    expect(result.outcomes).toEqual(expected);
    expect(result.outcomes.map((o) => o.outcome)).toEqual([
      'accepted',
      'accepted',
      'corrected',
      'duplicate',
      'quarantined',
      'accepted',
      'accepted',
    ]);
    expect(await logOf(batched.store)).toEqual(await logOf(oneByOne.store));
    expect(await batched.store.verifyChain()).toMatchObject({ ok: true });
    // A run of declarations in one append, cut before a case already in the run (its second
    // declaration decided on the first's stored events) and before the quarantined record and the
    // manifest, which are appended alone.
    expect(
      appendToStreams.mock.calls.map((call) =>
        call[0].map((a) => [a.streamName, a.events.length]),
      ),
    ).toEqual([
      [
        ['injury-XX-2024-000123', 2],
        ['injury-XX-2024-000124', 2],
      ],
      [['injury-XX-2024-000123', 1]],
      [['injury-XX-2024-000125', 2]],
    ]);
    expect(appendToStream.mock.calls.map((call) => call[0])).toEqual([
      'hr-feed-week-unknown',
      'hr-feed-week-2024-W35',
    ]);
    // The fatal case still asked for its review flag.
    expect(batched.commandBus.executed.map((c) => c.props.sourceRef)).toEqual(
      oneByOne.commandBus.executed.map((c) => c.props.sourceRef),
    );
    expect(batched.commandBus.executed).toHaveLength(1);
  });

  it('settles after each stored run with the outcomes so far, and stops when settle says so', async () => {
    const { store, service } = await setup();
    const seen: number[] = [];
    const all = await service.ingestBatch(
      batch().map((input) => ({ input, meta })),
      async (outcomes) => {
        seen.push(outcomes.length);
        return true;
      },
    );
    expect(all.outcomes).toHaveLength(7);
    expect(seen).toEqual([2, 3, 4, 6, 7]);

    const other = await setup();
    const stopped = await other.service.ingestBatch(
      batch().map((input) => ({ input, meta })),
      async (outcomes) => outcomes.length < 3,
    );
    expect(stopped.stoppedBy).toBeUndefined();
    expect(stopped.outcomes.map((o) => o.outcome)).toEqual([
      'accepted',
      'accepted',
      'corrected',
    ]);
    // Nothing after the stop was appended: the next declaration is the caller's to ingest.
    expect(await other.store.headPosition()).toBe(5n);
    expect(await store.headPosition()).toBe(9n);
  });

  it('a batch delivered again appends nothing', async () => {
    const { store, service } = await setup();
    // Without the in-batch correction, which a second delivery would make again (A → B → A).
    const once = () => batch().filter((_, i) => i !== 2 && i !== 3);
    await service.ingestBatch(once().map((input) => ({ input, meta })));
    const head = await store.headPosition();

    const again = await service.ingestBatch(
      once().map((input) => ({ input, meta })),
    );

    expect(again.stoppedBy).toBeUndefined();
    expect(again.outcomes.map((o) => o.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'quarantined',
      'duplicate',
      'accepted',
    ]);
    expect(await store.headPosition()).toBe(head);
  });

  it('stops at a version conflict with nothing of that append stored; the rest one by one ends as if no batch had been tried', async () => {
    const { store, service } = await setup();
    const appendToStreams = store.appendToStreams.bind(store);
    // Another writer declares the second case (other content, other event ids) between the batch's reads and its append.
    jest
      .spyOn(store, 'appendToStreams')
      .mockImplementationOnce(async (appends) => {
        await service.ingest(
          {
            value: declaration({
              claimId: 'XX-2024-000124',
              severity: 'serious',
            }),
            source: 'kafka',
          },
          meta,
        );
        return appendToStreams(appends);
      });
    const inputs = batch();

    const result = await service.ingestBatch(
      inputs.map((input) => ({ input, meta })),
    );

    expect(result.stoppedBy).toBeInstanceOf(StreamVersionConflictError);
    expect(result.outcomes).toEqual([]);
    expect((await store.readAll()).map((e) => [e.streamName, e.type])).toEqual([
      ['injury-XX-2024-000124', 'InjuryDeclarationReceived'],
      ['injury-XX-2024-000124', 'FollowUpVisitScheduled'],
    ]);
    const rest = [];
    for (const input of inputs.slice(result.outcomes.length))
      rest.push((await service.ingest(input, meta)).outcome);
    expect(rest).toEqual([
      'accepted',
      'corrected',
      'corrected',
      'duplicate',
      'quarantined',
      'accepted',
      'accepted',
    ]);
    expect(await store.verifyChain()).toMatchObject({ ok: true });
  });
});
