import { START, type AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import { FixedClock } from '@app/shared-kernel';
import {
  fromKurrentPosition,
  KurrentDbEventStore,
  toKurrentPosition,
} from './kurrentdb-event-store.js';

// The mapping between KurrentDB's (commit, prepare) pairs and the port's opaque positions, without a
// server: the client's readAll is replaced by an in-memory $all that behaves as the server does
// (reading from a position includes the event there).

type Pair = { commit: bigint; prepare: bigint };

function resolved(id: number, position: Pair): AllStreamResolvedEvent {
  return {
    event: {
      id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
      streamId: `s-${id}`,
      revision: 0n,
      type: 'Happened',
      isJson: true,
      data: { id },
      metadata: {
        schemaVersion: 1,
        prevHash: '0'.repeat(64),
        hash: String(id).padStart(64, '0'),
        actor: 'test',
        correlationId: 'c',
        causationId: null,
        recordedAt: '2026-01-01T00:00:00.000Z',
        effectiveAt: '2026-01-01T00:00:00.000Z',
      },
      position,
      created: new Date(0),
      contentType: 'application/json',
    },
    commitPosition: position.commit,
  } as unknown as AllStreamResolvedEvent;
}

// One append of three events shares a commit position (the transaction's); then a single-event append.
const LOG: AllStreamResolvedEvent[] = [
  resolved(1, { commit: 1000n, prepare: 1000n }),
  resolved(2, { commit: 1000n, prepare: 1130n }),
  resolved(3, { commit: 1000n, prepare: 1260n }),
  resolved(4, { commit: 1400n, prepare: 1400n }),
  resolved(5, { commit: 9_000_000_000n, prepare: 9_000_000_000n }),
];

const compare = (a: Pair, b: Pair): number =>
  a.commit !== b.commit
    ? a.commit < b.commit
      ? -1
      : 1
    : a.prepare < b.prepare
      ? -1
      : a.prepare > b.prepare
        ? 1
        : 0;

function storeOver(log: AllStreamResolvedEvent[]): {
  store: KurrentDbEventStore;
  requested: unknown[];
} {
  const store = new KurrentDbEventStore({
    connectionString: 'kurrentdb://127.0.0.1:1?tls=false',
    clock: new FixedClock('2026-01-01T00:00:00.000Z'),
  });
  const requested: unknown[] = [];
  const fake = {
    readAll(options: { fromPosition: typeof START | Pair }) {
      requested.push(options.fromPosition);
      const from = options.fromPosition;
      return (async function* () {
        for (const event of log) {
          if (from === START || compare(event.event!.position, from) >= 0)
            yield event;
        }
      })();
    },
    dispose: async () => undefined,
  };
  (store as unknown as { client: unknown }).client = fake;
  return { store, requested };
}

describe('KurrentDB positions', () => {
  it('fold (commit, prepare) into one bigint that round-trips, keeps $all order and fits 24 digits', () => {
    const pairs = LOG.map((e) => e.event!.position);
    const positions = pairs.map(fromKurrentPosition);
    expect(positions.map(toKurrentPosition)).toEqual(pairs);
    expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(
      positions,
    );
    expect(new Set(positions).size).toBe(positions.length);
    // A log of 2^53 bytes still fits the 24-digit checkpoint column.
    expect(
      fromKurrentPosition({
        commit: (1n << 53n) - 1n,
        prepare: (1n << 53n) - 1n + 1_048_576n,
      }).toString().length,
    ).toBeLessThanOrEqual(24);
    // Events of one append share the commit position: the commit alone would not tell them apart.
    expect(toKurrentPosition(positions[0]).commit).toBe(
      toKurrentPosition(positions[1]).commit,
    );
  });

  it('rejects a pair that does not fit', () => {
    expect(() =>
      fromKurrentPosition({ commit: 1000n, prepare: 1000n + (1n << 24n) }),
    ).toThrow(/cannot be mapped/);
    expect(() => fromKurrentPosition({ commit: 1000n, prepare: 999n })).toThrow(
      /cannot be mapped/,
    );
  });

  it('pages through $all after each page’s last position, inside one append too, skipping and repeating nothing', async () => {
    const { store, requested } = storeOver(LOG);
    const seen: number[] = [];
    let after = 0n;
    for (;;) {
      const page = await store.readAll({ after, limit: 2 });
      seen.push(...page.map((e) => (e.data as { id: number }).id));
      if (page.length < 2) break;
      after = page[page.length - 1].globalPosition;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    // The second page resumes at the exact pair of event 2 (commit 1000, prepare 1130), not at a byte offset + 1.
    expect(requested[0]).toBe(START);
    expect(requested[1]).toEqual({ commit: 1000n, prepare: 1130n });
    expect(requested[2]).toEqual({ commit: 1400n, prepare: 1400n });
    await store.close();
  });
});
