import { FixedClock } from '@app/shared-kernel';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';

// KurrentDB cannot run on these machines (docs/architecture.md): the suite runs wherever
// KURRENTDB_CONNECTION_STRING points at a server, e.g. the docker-compose stack.
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('KurrentDB', async () => {
    const clock = new FixedClock('2026-01-01T00:00:00.000Z');
    const store = new KurrentDbEventStore({ connectionString, clock });
    return {
      store,
      clock,
      // $all is shared between tests and runs, and positions are server-assigned byte offsets.
      freshLogWithContiguousPositions: false,
      // Its own client and append queue, like another process: only the chain-head marker keeps the
      // chain linear (docs/decisions/0160).
      openAnother: async () =>
        new KurrentDbEventStore({ connectionString, clock }),
      // KurrentDB deduplicates eventIds per stream only.
      eventIdsUniqueAcrossLog: false,
      // No multi-stream transaction here: appendToStreams appends one after the other (docs/decisions/0172).
      atomicAppendToStreams: false,
      cleanup: () => store.close(),
    };
  });
} else {
  describe('EventStore contract: KurrentDB', () => {
    it.todo(
      'KurrentDB contract suite runs when KURRENTDB_CONNECTION_STRING is set',
    );
  });
}
