import { randomUUID } from 'node:crypto';
import type { FixedClock } from '@app/shared-kernel';
import {
  DuplicateEventIdError,
  EventIdConflictError,
  StreamVersionConflictError,
  UnstorableTextError,
} from '../event-store.errors.js';
import type {
  EventStore,
  ExpectedVersion,
  NewEvent,
  StoredEvent,
} from '../event-store.port.js';

export interface EventStoreFixture {
  store: EventStore;
  clock: FixedClock;
  /** Changes one stored event's data behind the store's back; absent where the log is immutable. */
  tamper?(globalPosition: bigint): Promise<void>;
  /** Another store on the same log, with its own connection (real concurrent writers). */
  openAnother?(): Promise<EventStore>;
  /**
   * True where each fixture starts on an empty log whose global positions are 1, 2, 3… (SQLite,
   * PostgreSQL). False for a shared log with server-assigned positions (KurrentDB's $all).
   */
  freshLogWithContiguousPositions?: boolean;
  /** False where the backend can only check an eventId within its stream (KurrentDB, docs/decisions/0160). */
  eventIdsUniqueAcrossLog?: boolean;
  /**
   * False where appendToStreams cannot be one transaction and makes its appends one after the other
   * (KurrentDB, docs/decisions/0172): a refusal then leaves the appends before it stored.
   */
  atomicAppendToStreams?: boolean;
  cleanup(): Promise<void>;
}

export type EventStoreFixtureFactory = () => Promise<EventStoreFixture>;

const START = '2026-03-02T08:00:00.000Z';

function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    type: 'TrainingRecorded',
    schemaVersion: 1,
    data: { hours: 2, topic: '岗位安全责任' },
    metadata: { actor: 'officer-1' },
    ...overrides,
  };
}

function events(count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, (_, i) =>
    newEvent({ data: { n: i }, ...overrides }),
  );
}

/** Waits until `predicate` holds, checking each few milliseconds; fails after `timeoutMs`. */
async function eventually(
  predicate: () => boolean,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function expectConflict(
  promise: Promise<unknown>,
  expected: ExpectedVersion,
  actual: bigint,
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StreamVersionConflictError);
  expect(error).toMatchObject({
    expected,
    actual,
    code: 'STREAM_VERSION_CONFLICT',
  });
}

/**
 * The behaviour every EventStore adapter must show (docs/architecture.md, "The event store port").
 * Stream names are unique per test so the suite also runs on a shared log.
 */
export function describeEventStoreContract(
  name: string,
  factory: EventStoreFixtureFactory,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    let clock: FixedClock;
    let stream: (label: string) => string;
    let contiguous: boolean;
    let runPrefix: string;

    beforeEach(async () => {
      fixture = await factory();
      ({ store, clock } = fixture);
      clock.set(START);
      contiguous = fixture.freshLogWithContiguousPositions ?? true;
      // A run prefix keeps prefix filters to this test's streams on a shared log.
      runPrefix = `t${randomUUID().slice(0, 8)}-`;
      stream = (label) => `${runPrefix}${label}`;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('append and read', () => {
      it('round-trips the full envelope', async () => {
        const s = stream('enterprise');
        const eventId = randomUUID();
        const correlationId = randomUUID();
        const causationId = randomUUID();
        const result = await store.appendToStream(s, [
          {
            eventId,
            type: 'EnterpriseRegistered',
            schemaVersion: 2,
            data: {
              uscc: '91430381MA4L1234X5',
              name: '湘乡示例企业',
              zones: ['A', 'B'],
              staff: 120,
            },
            metadata: {
              actor: 'officer-7',
              correlationId,
              causationId,
              effectiveAt: '2026-02-01T00:00:00.000Z',
            },
          },
        ]);

        const [stored] = await store.readStream(s);
        expect(stored).toMatchObject({
          eventId,
          type: 'EnterpriseRegistered',
          schemaVersion: 2,
          data: {
            uscc: '91430381MA4L1234X5',
            name: '湘乡示例企业',
            zones: ['A', 'B'],
            staff: 120,
          },
          metadata: {
            actor: 'officer-7',
            correlationId,
            causationId,
            recordedAt: START,
            effectiveAt: '2026-02-01T00:00:00.000Z',
          },
          streamName: s,
          streamPosition: 0n,
          globalPosition: result.lastGlobalPosition,
        });
        expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(stored.prevHash).toMatch(/^[0-9a-f]{64}$/);
        expect(result).toEqual({
          streamName: s,
          nextExpectedVersion: 0n,
          lastGlobalPosition: stored.globalPosition,
          appendedCount: 1,
        });
      });

      it('fills metadata defaults: recordedAt from the clock, effectiveAt = recordedAt, a correlation id, no causation', async () => {
        const s = stream('defaults');
        clock.set('2026-04-05T06:07:08.009Z');
        await store.appendToStream(s, [newEvent()]);
        const [stored] = await store.readStream(s);
        expect(stored.metadata.recordedAt).toBe('2026-04-05T06:07:08.009Z');
        expect(stored.metadata.effectiveAt).toBe('2026-04-05T06:07:08.009Z');
        expect(stored.metadata.correlationId).toMatch(/^[0-9a-f-]{36}$/);
        expect(stored.metadata.causationId).toBeNull();
        expect(stored.eventId).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('numbers streams from 0 and the log in append order', async () => {
        const a = stream('a');
        const b = stream('b');
        const first = await store.appendToStream(a, events(2));
        const second = await store.appendToStream(b, events(1));
        const third = await store.appendToStream(a, events(1));

        expect(
          (await store.readStream(a)).map((e) => e.streamPosition),
        ).toEqual([0n, 1n, 2n]);
        expect(
          (await store.readStream(b)).map((e) => e.streamPosition),
        ).toEqual([0n]);
        expect(first.nextExpectedVersion).toBe(1n);
        expect(third.nextExpectedVersion).toBe(2n);
        const globals = [
          ...(await store.readStream(a)),
          ...(await store.readStream(b)),
        ]
          .map((e) => e.globalPosition)
          .sort((x, y) => (x < y ? -1 : 1));
        if (contiguous) {
          expect(globals).toEqual([1n, 2n, 3n, 4n]);
          expect([
            first.lastGlobalPosition,
            second.lastGlobalPosition,
            third.lastGlobalPosition,
          ]).toEqual([2n, 3n, 4n]);
        } else {
          expect(first.lastGlobalPosition < second.lastGlobalPosition).toBe(
            true,
          );
          expect(second.lastGlobalPosition < third.lastGlobalPosition).toBe(
            true,
          );
        }
      });
    });

    describe('expected version', () => {
      it('accepts every mode when it holds', async () => {
        const s = stream('versions');
        await expect(
          store.appendToStream(s, events(1), { expectedVersion: 'no_stream' }),
        ).resolves.toMatchObject({ nextExpectedVersion: 0n });
        await expect(
          store.appendToStream(s, events(1), {
            expectedVersion: 'stream_exists',
          }),
        ).resolves.toMatchObject({ nextExpectedVersion: 1n });
        await expect(
          store.appendToStream(s, events(2), { expectedVersion: 1n }),
        ).resolves.toMatchObject({ nextExpectedVersion: 3n });
        await expect(
          store.appendToStream(s, events(1), { expectedVersion: 'any' }),
        ).resolves.toMatchObject({ nextExpectedVersion: 4n });
        await expect(
          store.appendToStream(stream('fresh'), events(1), {
            expectedVersion: 'any',
          }),
        ).resolves.toMatchObject({ nextExpectedVersion: 0n });
      });

      it('rejects every mode when it does not hold, naming expected and actual, and stores nothing', async () => {
        const s = stream('conflicts');
        const missing = stream('missing');
        await store.appendToStream(s, events(2));

        await expectConflict(
          store.appendToStream(s, events(1), { expectedVersion: 'no_stream' }),
          'no_stream',
          1n,
        );
        await expectConflict(
          store.appendToStream(missing, events(1), {
            expectedVersion: 'stream_exists',
          }),
          'stream_exists',
          -1n,
        );
        await expectConflict(
          store.appendToStream(s, events(1), { expectedVersion: 0n }),
          0n,
          1n,
        );
        await expectConflict(
          store.appendToStream(s, events(1), { expectedVersion: 5n }),
          5n,
          1n,
        );
        await expectConflict(
          store.appendToStream(missing, events(1), { expectedVersion: 0n }),
          0n,
          -1n,
        );

        expect(await store.readStream(s)).toHaveLength(2);
        expect(await store.streamExists(missing)).toBe(false);
      });
    });

    describe('idempotent append', () => {
      it('does not store an eventId twice and returns the same positions', async () => {
        const s = stream('idempotent');
        const batch = events(2).map((e) => ({ ...e, eventId: randomUUID() }));
        const first = await store.appendToStream(s, batch, {
          expectedVersion: 'no_stream',
        });
        await store.appendToStream(stream('other'), events(1));
        // The retry carries the same expected version, now stale: still a success, nothing stored.
        const retry = await store.appendToStream(s, batch, {
          expectedVersion: 'no_stream',
        });

        expect(retry).toEqual({ ...first, appendedCount: 0 });
        expect(first.appendedCount).toBe(2);
        const stored = await store.readStream(s);
        expect(stored.map((e) => e.eventId)).toEqual(
          batch.map((e) => e.eventId),
        );
      });

      it('stores only the new events of a partly repeated call, under the version check', async () => {
        const s = stream('partial');
        const known = { ...newEvent(), eventId: randomUUID() };
        const fresh = { ...newEvent(), eventId: randomUUID() };
        await store.appendToStream(s, [known]);

        const result = await store.appendToStream(s, [known, fresh], {
          expectedVersion: 0n,
        });

        expect(result).toMatchObject({
          nextExpectedVersion: 1n,
          appendedCount: 1,
        });
        expect((await store.readStream(s)).map((e) => e.eventId)).toEqual([
          known.eventId,
          fresh.eventId,
        ]);
      });
    });

    describe('idempotency that cannot lie', () => {
      async function refusal(promise: Promise<unknown>): Promise<unknown> {
        return promise.then(
          () => {
            throw new Error('expected the append to be refused');
          },
          (e: unknown) => e,
        );
      }

      it('refuses a repeated eventId with another payload or type, and stores nothing', async () => {
        const s = stream('lie');
        const eventId = randomUUID();
        await store.appendToStream(s, [
          newEvent({ eventId, data: { hours: 2 } }),
        ]);
        const head = await store.headPosition();

        const otherData = await refusal(
          store.appendToStream(s, [newEvent({ eventId, data: { hours: 3 } })]),
        );
        expect(otherData).toBeInstanceOf(EventIdConflictError);
        expect(otherData).toMatchObject({
          code: 'EVENT_ID_CONFLICT',
          kind: 'conflict',
          eventId,
          differs: 'data',
        });
        const otherType = await refusal(
          store.appendToStream(s, [
            newEvent({ eventId, type: 'Other', data: { hours: 2 } }),
          ]),
        );
        expect(otherType).toMatchObject({
          code: 'EVENT_ID_CONFLICT',
          differs: 'type',
        });
        // Mixed with a fresh event: the whole call is refused, the fresh one is not stored either.
        const mixed = await refusal(
          store.appendToStream(s, [
            newEvent({ data: { fresh: true } }),
            newEvent({ eventId, data: { hours: 4 } }),
          ]),
        );
        expect(mixed).toBeInstanceOf(EventIdConflictError);

        expect((await store.readStream(s)).map((e) => e.data)).toEqual([
          { hours: 2 },
        ]);
        expect(await store.headPosition()).toBe(head);
        // The same event again is still an idempotent success.
        await expect(
          store.appendToStream(s, [newEvent({ eventId, data: { hours: 2 } })]),
        ).resolves.toMatchObject({ appendedCount: 0 });
      });

      it('refuses an eventId already used in another stream', async () => {
        if (fixture.eventIdsUniqueAcrossLog === false) return; // per-stream only on this backend (docs/decisions/0160)
        const eventId = randomUUID();
        await store.appendToStream(stream('first'), [newEvent({ eventId })]);
        const error = await refusal(
          store.appendToStream(stream('second'), [newEvent({ eventId })]),
        );
        expect(error).toMatchObject({
          code: 'EVENT_ID_CONFLICT',
          differs: 'streamName',
        });
        expect(await store.streamExists(stream('second'))).toBe(false);
      });

      it('refuses an append that names one eventId twice, storing nothing', async () => {
        const s = stream('twice');
        const eventId = randomUUID();
        const error = await refusal(
          store.appendToStream(s, [
            newEvent({ eventId }),
            newEvent({ data: { n: 1 } }),
            newEvent({ eventId }),
          ]),
        );
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(error).toMatchObject({
          code: 'DUPLICATE_EVENT_ID',
          kind: 'invalid',
          details: [{ path: '/events/2/eventId' }],
        });
        expect(await store.streamExists(s)).toBe(false);
      });
    });

    describe('text every backend can store', () => {
      it('refuses U+0000 and lone surrogates anywhere in an event, naming where, and stores nothing', async () => {
        const s = stream('unstorable');
        const head = await store.headPosition();
        const cases: [NewEvent, string][] = [
          [
            newEvent({ data: { narrative: 'before\u0000after' } }),
            '/events/0/data/narrative',
          ],
          [
            newEvent({ data: { list: ['ok', 'lone \ud800 high'] } }),
            '/events/0/data/list/1',
          ],
          [
            newEvent({ data: { ['key\udc00']: 1 } }),
            '/events/0/data/key\udc00',
          ],
          [
            newEvent({ metadata: { actor: 'officer\u0000' } }),
            '/events/0/metadata/actor',
          ],
          [newEvent({ type: 'Bad\u0000Type' }), '/events/0/type'],
        ];
        for (const [event, path] of cases) {
          const error = await store.appendToStream(s, [event]).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(UnstorableTextError);
          expect(error).toMatchObject({
            code: 'UNSTORABLE_TEXT',
            kind: 'invalid',
          });
          expect(
            (error as UnstorableTextError).details.map((d) => d.path),
          ).toEqual([path]);
        }
        expect(await store.streamExists(s)).toBe(false);
        expect(await store.headPosition()).toBe(head);
        // A well-formed pair (an emoji) and a literal backslash-u text are fine.
        await store.appendToStream(s, [
          newEvent({ data: { text: '安全 \ud83d\ude92 \\u0000 literal' } }),
        ]);
        expect((await store.readStream(s))[0].data).toEqual({
          text: '安全 \ud83d\ude92 \\u0000 literal',
        });
      });
    });

    describe('readStream', () => {
      it('reads forwards from a position, backwards from the end, and honours maxCount', async () => {
        const s = stream('reads');
        await store.appendToStream(s, events(5));
        const positions = (list: StoredEvent[]) =>
          list.map((e) => e.streamPosition);

        expect(positions(await store.readStream(s, { from: 2n }))).toEqual([
          2n,
          3n,
          4n,
        ]);
        expect(
          positions(await store.readStream(s, { from: 1n, maxCount: 2 })),
        ).toEqual([1n, 2n]);
        expect(
          positions(await store.readStream(s, { direction: 'backwards' })),
        ).toEqual([4n, 3n, 2n, 1n, 0n]);
        expect(
          positions(
            await store.readStream(s, {
              direction: 'backwards',
              from: 2n,
              maxCount: 2,
            }),
          ),
        ).toEqual([2n, 1n]);
        expect(await store.readStream(stream('nothing'))).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads in global order, after a position (exclusive), filtered by type and stream prefix', async () => {
        const a = stream('site-1');
        const b = stream('accident-1');
        await store.appendToStream(a, [
          newEvent({ type: 'X' }),
          newEvent({ type: 'Y' }),
        ]);
        await store.appendToStream(b, [newEvent({ type: 'X' })]);
        await store.appendToStream(a, [newEvent({ type: 'Z' })]);

        const mine = (list: StoredEvent[]) =>
          list.filter((e) => e.streamName === a || e.streamName === b);
        const all = mine(await store.readAll());
        expect(
          all.map((e) => `${e.streamName === a ? 'a' : 'b'}:${e.type}`),
        ).toEqual(['a:X', 'a:Y', 'b:X', 'a:Z']);
        for (let i = 1; i < all.length; i++)
          expect(all[i].globalPosition > all[i - 1].globalPosition).toBe(true);

        const afterSecond = mine(
          await store.readAll({ after: all[1].globalPosition }),
        );
        expect(afterSecond.map((e) => e.globalPosition)).toEqual([
          all[2].globalPosition,
          all[3].globalPosition,
        ]);

        const xs = mine(await store.readAll({ types: ['X'] }));
        expect(xs.map((e) => e.globalPosition)).toEqual([
          all[0].globalPosition,
          all[2].globalPosition,
        ]);

        const site = await store.readAll({ streamPrefix: stream('site-') });
        expect(site.map((e) => e.type)).toEqual(['X', 'Y', 'Z']);

        const both = await store.readAll({
          streamPrefix: stream('site-'),
          types: ['Y', 'Z'],
          limit: 1,
        });
        expect(both.map((e) => e.type)).toEqual(['Y']);

        if (contiguous)
          expect(all.map((e) => e.globalPosition)).toEqual([1n, 2n, 3n, 4n]);
      });

      it('pages through the log after each page’s last position: nothing skipped, nothing repeated', async () => {
        const prefix = stream('paging-');
        const start = await store.headPosition();
        // Appends of several events at once, interleaved with another stream, and one type filtered out.
        for (let i = 0; i < 7; i++) {
          await store.appendToStream(
            `${prefix}a`,
            events(i % 3 === 0 ? 3 : 1, { type: 'Kept' }),
          );
          await store.appendToStream(`${prefix}b`, [
            newEvent({ type: i % 2 === 0 ? 'Kept' : 'Dropped' }),
          ]);
          await store.appendToStream(`${prefix}c`, [
            newEvent({ type: 'AlsoKept' }),
          ]);
        }
        const expected = (
          await store.readAll({ after: start, streamPrefix: prefix })
        ).filter((e) => e.type === 'Kept');
        expect(expected.length).toBe(17);
        // Several types: the same paging, interleaved in log order.
        const kept = (
          await store.readAll({ after: start, streamPrefix: prefix })
        ).filter((e) => e.type !== 'Dropped');
        for (const limit of [1, 4]) {
          const seen: StoredEvent[] = [];
          for (let after = start, pages = 0; pages < 100; pages++) {
            const page = await store.readAll({
              after,
              streamPrefix: prefix,
              types: ['AlsoKept', 'Kept'],
              limit,
            });
            seen.push(...page);
            if (page.length < limit) break;
            after = page[page.length - 1].globalPosition;
          }
          expect(seen.map((e) => e.eventId)).toEqual(
            kept.map((e) => e.eventId),
          );
        }

        for (const limit of [1, 2, 3, 5, 16]) {
          const seen: StoredEvent[] = [];
          let after = start;
          for (let pages = 0; ; pages++) {
            expect(pages).toBeLessThan(100);
            const page = await store.readAll({
              after,
              streamPrefix: prefix,
              types: ['Kept'],
              limit,
            });
            expect(page.length).toBeLessThanOrEqual(limit);
            seen.push(...page);
            if (page.length < limit) break;
            after = page[page.length - 1].globalPosition;
          }
          expect(seen.map((e) => e.eventId)).toEqual(
            expected.map((e) => e.eventId),
          );
        }
        expect(
          await store.readAll({
            after: expected[expected.length - 1].globalPosition,
            streamPrefix: prefix,
            types: ['Kept'],
          }),
        ).toEqual([]);
      });
    });

    describe('streamExists and headPosition', () => {
      it('knows which streams exist and where the log ends', async () => {
        const s = stream('exists');
        const before = await store.headPosition();
        if (contiguous) expect(before).toBe(0n);
        if (contiguous) expect(await store.lastEvent()).toBeUndefined();
        expect(await store.streamExists(s)).toBe(false);

        const result = await store.appendToStream(s, events(3));

        expect(await store.streamExists(s)).toBe(true);
        expect(await store.headPosition()).toBe(result.lastGlobalPosition);
        expect(await store.lastEvent()).toMatchObject({
          streamName: s,
          streamPosition: 2n,
          globalPosition: result.lastGlobalPosition,
        });
        if (contiguous) expect(result.lastGlobalPosition).toBe(3n);
      });
    });

    describe('subscribe', () => {
      it('catches up, then follows live appends in global order, and stops', async () => {
        const s = stream('live-a');
        const start = await store.headPosition();
        await store.appendToStream(s, events(3));
        const seen: StoredEvent[] = [];
        const subscription = store.subscribe(
          { after: start, streamPrefix: stream('live-') },
          (e) => {
            seen.push(e);
          },
        );

        await eventually(() => seen.length === 3);
        await store.appendToStream(s, events(2));
        await store.appendToStream(stream('live-b'), events(1));
        await eventually(() => seen.length === 6);
        await subscription.stop();
        await store.appendToStream(s, events(1));

        expect(
          seen.filter((e) => e.streamName === s).map((e) => e.streamPosition),
        ).toEqual([0n, 1n, 2n, 3n, 4n]);
        for (let i = 1; i < seen.length; i++)
          expect(seen[i].globalPosition > seen[i - 1].globalPosition).toBe(
            true,
          );
        await expect(subscription.done).resolves.toBeUndefined();
        expect(seen).toHaveLength(6);
      });

      it('starts after the checkpoint (exclusive)', async () => {
        const s = stream('checkpoint');
        await store.appendToStream(s, events(3));
        const [, second] = await store.readStream(s);
        const seen: bigint[] = [];
        const subscription = store.subscribe(
          { after: second.globalPosition, streamPrefix: s },
          (e) => {
            seen.push(e.streamPosition);
          },
        );
        await eventually(() => seen.length === 1);
        await subscription.stop();
        expect(seen).toEqual([2n]);
      });

      it('waits for the handler in flight when stopped', async () => {
        const s = stream('inflight');
        await store.appendToStream(s, events(1));
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let entered = false;
        let finished = false;
        const subscription = store.subscribe({ streamPrefix: s }, async () => {
          entered = true;
          await gate;
          finished = true;
        });
        await eventually(() => entered);

        let stopped = false;
        const stopping = subscription.stop().then(() => (stopped = true));
        await new Promise((resolve) => setImmediate(resolve));
        expect(stopped).toBe(false);
        release();
        await stopping;
        expect(finished).toBe(true);
      });

      it('rejects done when the handler throws', async () => {
        const s = stream('failing');
        await store.appendToStream(s, events(2));
        const delivered: bigint[] = [];
        const subscription = store.subscribe({ streamPrefix: s }, (e) => {
          delivered.push(e.streamPosition);
          throw new Error('projection failed');
        });
        await expect(subscription.done).rejects.toThrow('projection failed');
        expect(delivered).toEqual([0n]);
        await subscription.stop();
      });
    });

    describe('appendToStreams (several streams, one transaction)', () => {
      const withIds = (count: number, label: string): NewEvent[] =>
        events(count).map((e, i) => ({
          ...e,
          eventId: randomUUID(),
          data: { label, n: i },
        }));

      it('appends to several streams in the order given: positions, results, global order, chain', async () => {
        const [a, b, c] = [
          stream('multi-a'),
          stream('multi-b'),
          stream('multi-c'),
        ];
        await store.appendToStream(b, events(2));
        const head = await store.headPosition();
        const appends = [
          {
            streamName: a,
            events: withIds(2, 'a'),
            options: { expectedVersion: 'no_stream' as const },
          },
          {
            streamName: b,
            events: withIds(1, 'b'),
            options: { expectedVersion: 1n },
          },
          { streamName: c, events: withIds(3, 'c') },
          // The same stream again: it sees the append before it in this call.
          {
            streamName: a,
            events: withIds(1, 'a2'),
            options: { expectedVersion: 1n },
          },
        ];

        const results = await store.appendToStreams(appends);

        expect(
          results.map((r) => [
            r.streamName,
            r.nextExpectedVersion,
            r.appendedCount,
          ]),
        ).toEqual([
          [a, 1n, 2],
          [b, 2n, 1],
          [c, 2n, 3],
          [a, 2n, 1],
        ]);
        const logged = await store.readAll({
          after: head,
          streamPrefix: runPrefix,
        });
        expect(logged.map((e) => e.eventId)).toEqual(
          appends.flatMap((x) => x.events.map((e) => e.eventId)),
        );
        expect(results.map((r) => r.lastGlobalPosition)).toEqual(
          [1, 2, 5, 6].map((i) => logged[i].globalPosition),
        );
        if (contiguous)
          expect(logged.map((e) => e.globalPosition)).toEqual(
            [1n, 2n, 3n, 4n, 5n, 6n, 7n].map((n) => head + n),
          );
        expect(
          (await store.readStream(a)).map((e) => e.streamPosition),
        ).toEqual([0n, 1n, 2n]);
        expect(
          (await store.readStream(b)).map((e) => e.streamPosition),
        ).toEqual([0n, 1n, 2n]);
        // One call, one instant of the store's clock.
        expect(new Set(logged.map((e) => e.metadata.recordedAt)).size).toBe(1);
        expect(await store.verifyChain()).toMatchObject({ ok: true });
      });

      it('stores nothing of any stream when one append fails its version check', async () => {
        const [a, b, c] = [
          stream('atomic-a'),
          stream('atomic-b'),
          stream('atomic-c'),
        ];
        await store.appendToStream(b, events(1));
        const head = await store.headPosition();

        await expectConflict(
          store.appendToStreams([
            { streamName: a, events: withIds(2, 'a') },
            {
              streamName: b,
              events: withIds(1, 'b'),
              options: { expectedVersion: 'no_stream' },
            },
            { streamName: c, events: withIds(1, 'c') },
          ]),
          'no_stream',
          0n,
        );

        expect(await store.readStream(b)).toHaveLength(1);
        expect(await store.streamExists(c)).toBe(false);
        if (fixture.atomicAppendToStreams ?? true) {
          expect(await store.streamExists(a)).toBe(false);
          expect(await store.headPosition()).toBe(head);
        } else {
          // KurrentDB (docs/decisions/0172): the appends before the refused one are stored.
          expect(await store.readStream(a)).toHaveLength(2);
        }
        // The log goes on from where it was, its chain intact.
        await store.appendToStreams([{ streamName: c, events: events(1) }]);
        expect(await store.readStream(c)).toHaveLength(1);
        expect(await store.verifyChain()).toMatchObject({ ok: true });
      });

      it('appends nothing twice when the same call is sent again, and refuses a changed one whole', async () => {
        const [a, b] = [stream('resent-a'), stream('resent-b')];
        const appends = [
          {
            streamName: a,
            events: withIds(2, 'a'),
            options: { expectedVersion: 'no_stream' as const },
          },
          {
            streamName: b,
            events: withIds(1, 'b'),
            options: { expectedVersion: 'no_stream' as const },
          },
        ];
        const first = await store.appendToStreams(appends);
        const head = await store.headPosition();

        // The resent call carries the same, now stale, expected versions: a success storing nothing.
        const again = await store.appendToStreams(appends);

        expect(again).toEqual(first.map((r) => ({ ...r, appendedCount: 0 })));
        expect(await store.headPosition()).toBe(head);
        expect((await store.readStream(a)).map((e) => e.eventId)).toEqual(
          appends[0].events.map((e) => e.eventId),
        );

        // An id already stored with other data: refused, and the new stream of the call not stored.
        const fresh = stream('resent-c');
        const refused = await store
          .appendToStreams([
            { streamName: fresh, events: withIds(1, 'c') },
            {
              streamName: b,
              events: [{ ...appends[1].events[0], data: { changed: true } }],
            },
          ])
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(refused).toBeInstanceOf(EventIdConflictError);
        if (fixture.atomicAppendToStreams ?? true)
          expect(await store.streamExists(fresh)).toBe(false);
        expect(await store.readStream(b)).toHaveLength(1);
        expect(await store.verifyChain()).toMatchObject({ ok: true });
      });

      it('delivers the appended events to a live subscriber once, in the order given', async () => {
        const [a, b] = [stream('live-a'), stream('live-b')];
        const received: string[] = [];
        const subscription = store.subscribe(
          { after: await store.headPosition(), streamPrefix: runPrefix },
          (event) => {
            received.push(event.eventId);
          },
        );
        const appends = [
          { streamName: a, events: withIds(2, 'a') },
          { streamName: b, events: withIds(2, 'b') },
        ];
        await store.appendToStreams(appends);
        const expected = appends.flatMap((x) =>
          x.events.map((e) => e.eventId!),
        );
        await eventually(() => received.length >= expected.length);
        await subscription.stop();
        expect(received).toEqual(expected);
      });
    });

    describe('tamper evidence', () => {
      it('verifies a good chain', async () => {
        await store.appendToStream(stream('chain'), events(3));
        await store.appendToStream(stream('chain'), events(2));
        const verification = await store.verifyChain();
        expect(verification).toMatchObject({ ok: true });
        expect(verification.firstBrokenPosition).toBeUndefined();
        if (contiguous) expect(verification.checked).toBe(5);
      });

      it('names exactly the event whose stored data was changed', async () => {
        if (!fixture.tamper) {
          // An immutable log (KurrentDB) cannot be altered from the outside to test this.
          return;
        }
        const s = stream('tampered');
        await store.appendToStream(s, events(5));
        const target = (await store.readStream(s))[2].globalPosition;

        await fixture.tamper(target);

        const verification = await store.verifyChain();
        expect(verification.ok).toBe(false);
        expect(verification.firstBrokenPosition).toBe(target);
        expect(verification.reason).toMatch(/content/);
      });
    });

    describe('concurrency', () => {
      it('leaves one linear chain when two store instances append at the same time', async () => {
        if (!fixture.openAnother)
          throw new Error(
            'the contract needs openAnother: a second store on the same log',
          );
        const [first, second] = await Promise.all([
          fixture.openAnother(),
          fixture.openAnother(),
        ]);
        const before = await store.headPosition();
        try {
          await Promise.all(
            [first, second].map(async (writer, w) => {
              for (let i = 0; i < 60; i++) {
                // Singles and batches, on streams of their own and on one shared stream.
                const s =
                  i % 3 === 0
                    ? stream('shared')
                    : stream(`writer-${w}-${i % 5}`);
                await writer.appendToStream(
                  s,
                  events(1 + (i % 4), { metadata: { actor: `writer-${w}` } }),
                );
              }
            }),
          );
        } finally {
          await Promise.all([first.close(), second.close()]);
        }
        const mine = (await store.readAll({ after: before })).filter((e) =>
          e.streamName.startsWith(runPrefix),
        );
        const expected =
          2 *
          Array.from({ length: 60 }, (_, i) => 1 + (i % 4)).reduce(
            (a, b) => a + b,
            0,
          );
        expect(mine).toHaveLength(expected);
        for (let i = 1; i < mine.length; i++) {
          expect(mine[i].globalPosition > mine[i - 1].globalPosition).toBe(
            true,
          );
          if (contiguous) expect(mine[i].prevHash).toBe(mine[i - 1].hash);
        }
        if (contiguous) {
          expect(mine.map((e) => e.globalPosition)).toEqual(
            Array.from({ length: expected }, (_, i) => before + 1n + BigInt(i)),
          );
        }
        expect(
          (await store.readStream(stream('shared'))).map(
            (e) => e.streamPosition,
          ),
        ).toEqual(
          Array.from(
            { length: (await store.readStream(stream('shared'))).length },
            (_, i) => BigInt(i),
          ),
        );
        expect(await store.verifyChain()).toMatchObject({ ok: true });
      }, 120_000);

      it('keeps 8 racing writers on one stream consistent: 4,000 events, positions 0..3999, chain intact', async () => {
        const s = stream('race');
        const writers = fixture.openAnother
          ? await Promise.all(
              Array.from({ length: 8 }, () => fixture.openAnother!()),
            )
          : Array.from({ length: 8 }, () => store);
        let conflicts = 0;
        try {
          await Promise.all(
            writers.map(async (writer, w) => {
              for (let i = 0; i < 500; i++) {
                for (;;) {
                  const [last] = await writer.readStream(s, {
                    direction: 'backwards',
                    maxCount: 1,
                  });
                  const expectedVersion: ExpectedVersion = last
                    ? last.streamPosition
                    : 'no_stream';
                  try {
                    await writer.appendToStream(
                      s,
                      [newEvent({ data: { writer: w, i } })],
                      { expectedVersion },
                    );
                    break;
                  } catch (error) {
                    if (!(error instanceof StreamVersionConflictError))
                      throw error;
                    conflicts++;
                  }
                }
              }
            }),
          );
        } finally {
          if (fixture.openAnother)
            await Promise.all(writers.map((w) => w.close()));
        }

        const stored = await store.readStream(s);
        expect(stored).toHaveLength(4000);
        expect(stored.map((e) => e.streamPosition)).toEqual(
          Array.from({ length: 4000 }, (_, i) => BigInt(i)),
        );
        expect(
          new Set(
            stored.map((e) => `${String(e.data.writer)}/${String(e.data.i)}`),
          ).size,
        ).toBe(4000);
        expect(await store.verifyChain()).toMatchObject({ ok: true });
        expect(conflicts).toBeGreaterThan(0);
      }, 180_000);
    });
  });
}
