import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEventStore, type EventStore, type NewEvent } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';

// Throughput of the embedded SQLite event store (WAL, synchronous=FULL). Prints figures; asserts only
// that every event was stored and the chain holds, never timings (they depend on the machine).
const TOTAL = 20_000;
const BATCH = 50;
const SINGLE_APPENDS = 2_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function event(i: number): NewEvent {
  return {
    type: 'FollowUpVisitRecorded',
    schemaVersion: 1,
    data: { caseId: `case-${i % 500}`, visit: i, note: '复查整改落实情况，责任到岗到人', zone: `zone-${i % 12}` },
    metadata: { actor: 'bench', effectiveAt: '2026-01-15T00:00:00.000Z' },
  };
}

async function run(store: EventStore, appends: number, perAppend: number, label: string): Promise<void> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let a = 0; a < appends; a++) {
    const events = Array.from({ length: perAppend }, (_, i) => event(a * perAppend + i));
    const t = performance.now();
    await store.appendToStream(`${label}-${a % 200}`, events);
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((x, y) => x - y);
  console.log(
    `[bench] sqlite ${label}: ${appends * perAppend} events in ${appends} appends of ${perAppend}: ` +
      `${Math.round((appends * perAppend) / seconds)} events/s, append p50 ${percentile(latencies, 50).toFixed(2)} ms, ` +
      `p99 ${percentile(latencies, 99).toFixed(2)} ms, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
  );
}

describe('SQLite event store benchmark', () => {
  let dir: string;
  let store: EventStore;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'event-store-bench-'));
    store = await createEventStore({ kind: 'sqlite', filename: path.join(dir, 'events.db') }, new FixedClock('2026-02-01T00:00:00.000Z'));
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`appends ${TOTAL} events in batches of ${BATCH}, then ${SINGLE_APPENDS} single events`, async () => {
    await run(store, TOTAL / BATCH, BATCH, 'batched');
    await run(store, SINGLE_APPENDS, 1, 'single');

    expect(await store.headPosition()).toBe(BigInt(TOTAL + SINGLE_APPENDS));
    const started = performance.now();
    const verification = await store.verifyChain();
    console.log(`[bench] sqlite verifyChain over ${verification.checked} events: ${Math.round(performance.now() - started)} ms`);
    expect(verification).toEqual({ ok: true, checked: TOTAL + SINGLE_APPENDS });
  }, 300_000);
});
