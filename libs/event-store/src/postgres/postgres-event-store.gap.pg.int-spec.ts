import { FixedClock } from '@app/shared-kernel';
import type { NewEvent, StoredEvent } from '../event-store.port.js';
import { PgTestDatabase } from './pg-test-database.js';
import { PostgresEventStore } from './postgres-event-store.js';

// The gap problem (Marten, Axon): with concurrent transactions a subscriber reading
// "position > checkpoint" could see a later position commit first and skip an earlier one forever.
const database = new PgTestDatabase();
const WRITERS = 16;
const EVENTS_PER_WRITER = 100;
const BATCH_SIZES = [1, 3, 1, 5, 2]; // single and multi-event appends

beforeAll(() => database.create());
afterAll(() => database.drop());

function batch(writer: number, from: number, size: number): NewEvent[] {
  return Array.from({ length: size }, (_, i) => ({
    type: 'GapProbe',
    schemaVersion: 1,
    data: { writer, n: from + i },
    metadata: { actor: `writer-${writer}` },
  }));
}

it('delivers every committed event exactly once, in order, to a live subscriber while 16 writers race, 8 of them sharing one store', async () => {
  const clock = new FixedClock('2026-01-01T00:00:00.000Z');
  const open = () =>
    PostgresEventStore.open({
      connectionString: database.url,
      clock,
      schema: 'gap',
      pollIntervalMs: 100,
      poolSize: 2,
    });
  const reader = await open();
  // Half the writers have a store (a process) of their own; the other half share one store, whose
  // concurrent appends go to the server as group commits (docs/decisions/0164).
  const own = await Promise.all(Array.from({ length: WRITERS / 2 }, open));
  const shared = await open();
  const writers = [
    ...own,
    ...Array.from({ length: WRITERS / 2 }, () => shared),
  ];
  const received: StoredEvent[] = [];
  const subscription = reader.subscribe({}, (event) => {
    received.push(event);
  });
  try {
    await Promise.all(
      writers.map(async (writer, w) => {
        let written = 0;
        for (let b = 0; written < EVENTS_PER_WRITER; b++) {
          const size = Math.min(
            BATCH_SIZES[(b + w) % BATCH_SIZES.length],
            EVENTS_PER_WRITER - written,
          );
          await writer.appendToStream(`probe-${w}`, batch(w, written, size));
          written += size;
        }
      }),
    );
    const total = WRITERS * EVENTS_PER_WRITER;
    const deadline = Date.now() + 30_000;
    while (received.length < total && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));

    const log = await reader.readAll();
    expect(log).toHaveLength(total);
    expect(received.map((e) => e.globalPosition)).toEqual(
      log.map((e) => e.globalPosition),
    );
    expect(received.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
    expect(new Set(received.map((e) => e.eventId)).size).toBe(total);
    for (let i = 1; i < received.length; i++)
      expect(received[i].globalPosition).toBe(
        received[i - 1].globalPosition + 1n,
      );
    for (let w = 0; w < WRITERS; w++) {
      expect(
        (await reader.readStream(`probe-${w}`)).map((e) => e.data.n),
      ).toEqual(Array.from({ length: EVENTS_PER_WRITER }, (_, i) => i));
    }
    expect(await reader.verifyChain()).toEqual({ ok: true, checked: total });
  } finally {
    await subscription.stop();
    await Promise.all([reader, shared, ...own].map((s) => s.close()));
  }
}, 120_000);
