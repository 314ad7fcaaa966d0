import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { apiToken, buildApi, startApi } from '../support/api-process.js';
import { enterpriseRegistration } from '@app/enterprises/testing';
import { faultUscc, sleep } from '../support/fault-kit.js';
import { buildHrFeedScenario } from '../support/hr-feed-fixtures.js';
import { note, printFigures, size, type Figure } from './support/bench-kit.js';

// Soak (docs/decisions/0203-soak-bench.md): one embedded api process (SQLite, projectors inside) under a
// bounded mixed load for BENCH_SOAK_SECONDS (600 by default): enterprise registrations, one HR feed
// batch every few seconds, and the three report reads, each at a fixed rate. Prints throughput, p50/p99
// and errors per kind, and the api process's RSS sampled every BENCH_SOAK_SAMPLE_SECONDS. Asserts only
// that the load ran; the figures are for RESULTS.md.
const SECONDS = size('SOAK_SECONDS', 600);
const WRITES_PER_S = size('SOAK_WRITES_PER_S', 10);
const READS_PER_S = size('SOAK_READS_PER_S', 5);
const FEED_EVERY_S = size('SOAK_FEED_EVERY_S', 5);
const FEED_BATCH = size('SOAK_FEED_BATCH', 100);
const SAMPLE_S = size(
  'SOAK_SAMPLE_SECONDS',
  Math.max(5, Math.round(SECONDS / 20)),
);
/** At most this many requests of one kind in flight: a slow server gets fewer requests, not a pile-up. */
const MAX_IN_FLIGHT = 8;

const READ_PATHS = [
  '/metrics/accident-reduction?from=2026-01-01&to=2026-03-31',
  '/zones/competition?month=2026-03',
  '/reports/weekly-injuries?week=2026-W10',
];

interface Kind {
  name: string;
  latencies: number[];
  ok: number;
  errors: number;
  skipped: number;
  inFlight: number;
  statuses: Record<number, number>;
}
const kind = (name: string): Kind => ({
  name,
  latencies: [],
  ok: 0,
  errors: 0,
  skipped: 0,
  inFlight: 0,
  statuses: {},
});
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0
    ? 0
    : sorted[
        Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
      ];
};
const rssMiBOf = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return match ? Math.round(Number(match[1]) / 1024) : 0;
};

describe('soak: bounded mixed load on one embedded process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'safety-soak-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    `runs writes, feed batches and report reads for ${SECONDS} s and prints throughput, p99, errors and RSS`,
    async () => {
      buildApi();
      // The rate is the bench's own; the per-subject rate limit of the access control must not shape it.
      const env = { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000000' };
      const api = await startApi(env);
      const pid = api.child.pid!;
      const headers = {
        'content-type': 'application/json',
        authorization: `Bearer ${apiToken(env, 'officer-soak')}`,
      };

      const scenario = buildHrFeedScenario({
        declarations: Math.max(
          1_000,
          Math.ceil((SECONDS / FEED_EVERY_S) * FEED_BATCH),
        ),
        weeks: ['2026-W10', '2026-W11', '2026-W12', '2026-W13'],
        claimPrefix: 'SOAK-',
        withheldPerWeek: 0,
      });
      const records = scenario.messages
        .filter((m) => m.kind !== 'poison')
        .map(
          (m) => JSON.parse(m.value.toString('utf8')) as { feedWeek?: string },
        );
      let feedAt = 0;

      const writes = kind('write');
      const feed = kind('feed batch');
      const reads = kind('report read');
      let serial = 0;
      let readSerial = 0;

      const fire = (k: Kind, send: () => Promise<Response>) => {
        if (k.inFlight >= MAX_IN_FLIGHT) {
          k.skipped++;
          return;
        }
        k.inFlight++;
        const t0 = performance.now();
        void send()
          .then(async (response) => {
            await response.arrayBuffer();
            k.latencies.push(performance.now() - t0);
            k.statuses[response.status] =
              (k.statuses[response.status] ?? 0) + 1;
            if (response.ok) k.ok++;
            else k.errors++;
          })
          .catch(() => k.errors++)
          .finally(() => k.inFlight--);
      };
      const write = () =>
        fire(writes, () =>
          fetch(`${api.url}/api/v1/enterprises`, {
            method: 'POST',
            headers,
            body: JSON.stringify(
              enterpriseRegistration({
                uscc: faultUscc('BK', serial),
                zoneId: `zone-${(serial++ % 4) + 1}`,
              }),
            ),
          }),
        );
      const batch = () => {
        const week = records[feedAt]?.feedWeek ?? '2026-W10';
        const items: unknown[] = [];
        while (
          feedAt < records.length &&
          items.length < FEED_BATCH &&
          (records[feedAt].feedWeek ?? week) === week
        )
          items.push(records[feedAt++]);
        if (items.length === 0) return;
        fire(feed, () =>
          fetch(`${api.url}/api/v1/hr-feed/batches`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ feedWeek: week, records: items }),
          }),
        );
      };
      const read = () =>
        fire(reads, () =>
          fetch(
            `${api.url}/api/v1${READ_PATHS[readSerial++ % READ_PATHS.length]}`,
            { headers },
          ),
        );

      const rss: Array<{ t: number; mib: number }> = [
        { t: 0, mib: rssMiBOf(pid) },
      ];
      const started = performance.now();
      let nextSample = SAMPLE_S;
      let tick = 0;
      // Ticks of 100 ms; each kind fires on the ticks that keep it at its rate.
      while ((performance.now() - started) / 1000 < SECONDS) {
        const elapsed = (performance.now() - started) / 1000;
        const dueWrites =
          Math.floor(elapsed * WRITES_PER_S) -
          (writes.ok + writes.errors + writes.skipped + writes.inFlight);
        for (let i = 0; i < dueWrites; i++) write();
        const dueReads =
          Math.floor(elapsed * READS_PER_S) -
          (reads.ok + reads.errors + reads.skipped + reads.inFlight);
        for (let i = 0; i < dueReads; i++) read();
        if (
          Math.floor(elapsed / FEED_EVERY_S) >
          feed.ok + feed.errors + feed.skipped + feed.inFlight
        )
          batch();
        if (elapsed >= nextSample) {
          rss.push({ t: Math.round(elapsed), mib: rssMiBOf(pid) });
          nextSample += SAMPLE_S;
        }
        tick++;
        await sleep(100);
      }
      while (writes.inFlight + feed.inFlight + reads.inFlight > 0)
        await sleep(50);
      const seconds = (performance.now() - started) / 1000;
      rss.push({ t: Math.round(seconds), mib: rssMiBOf(pid) });
      api.child.kill('SIGTERM');
      const exit = await api.exited;

      // Memory over the second half (after warm-up): its slope says whether it is flat.
      const secondHalf = rss.filter((s) => s.t >= seconds / 2);
      const slope = (() => {
        if (secondHalf.length < 2) return 0;
        const n = secondHalf.length;
        const mt = secondHalf.reduce((a, s) => a + s.t, 0) / n;
        const mm = secondHalf.reduce((a, s) => a + s.mib, 0) / n;
        const num = secondHalf.reduce(
          (a, s) => a + (s.t - mt) * (s.mib - mm),
          0,
        );
        const den = secondHalf.reduce((a, s) => a + (s.t - mt) ** 2, 0);
        return den === 0 ? 0 : (num / den) * 60; // MiB per minute
      })();

      const params = {
        seconds: Math.round(seconds),
        writesPerS: WRITES_PER_S,
        readsPerS: READS_PER_S,
        feedEveryS: FEED_EVERY_S,
        feedBatch: FEED_BATCH,
      };
      const figures: Figure[] = [];
      for (const k of [writes, feed, reads]) {
        figures.push({
          bench: 'soak',
          backend: 'sqlite',
          impl: 'ours',
          workload: `${k.name} throughput`,
          value: k.ok / seconds,
          unit: 'ops/s',
          params,
        });
        figures.push({
          bench: 'soak',
          backend: 'sqlite',
          impl: 'ours',
          workload: `${k.name} p50`,
          value: percentile(k.latencies, 50),
          unit: 'ms',
          params,
        });
        figures.push({
          bench: 'soak',
          backend: 'sqlite',
          impl: 'ours',
          workload: `${k.name} p99`,
          value: percentile(k.latencies, 99),
          unit: 'ms',
          params,
        });
        figures.push({
          bench: 'soak',
          backend: 'sqlite',
          impl: 'ours',
          workload: `${k.name} errors`,
          value: k.errors,
          unit: 'count',
          params: { ...params, skippedAtCap: k.skipped },
        });
      }
      figures.push({
        bench: 'soak',
        backend: 'sqlite',
        impl: 'ours',
        workload: 'feed records',
        value: feedAt,
        unit: 'records',
        params,
      });
      figures.push({
        bench: 'soak',
        backend: 'sqlite',
        impl: 'ours',
        workload: 'RSS start',
        value: rss[0].mib,
        unit: 'MiB',
        params,
      });
      figures.push({
        bench: 'soak',
        backend: 'sqlite',
        impl: 'ours',
        workload: 'RSS max',
        value: Math.max(...rss.map((s) => s.mib)),
        unit: 'MiB',
        params,
      });
      figures.push({
        bench: 'soak',
        backend: 'sqlite',
        impl: 'ours',
        workload: 'RSS end',
        value: rss[rss.length - 1].mib,
        unit: 'MiB',
        params,
      });
      figures.push({
        bench: 'soak',
        backend: 'sqlite',
        impl: 'ours',
        workload: 'RSS slope, 2nd half',
        value: slope,
        unit: 'MiB/min',
        params,
      });
      printFigures(
        `soak, embedded api (SQLite), ${Math.round(seconds)} s`,
        figures,
      );
      note(`RSS curve (s:MiB): ${rss.map((s) => `${s.t}:${s.mib}`).join(' ')}`);
      note(
        `statuses: ${JSON.stringify({ writes: writes.statuses, feed: feed.statuses, reads: reads.statuses })}; api exit ${exit}; ${tick} ticks`,
      );

      expect(writes.ok).toBeGreaterThan(0);
      expect(feed.ok).toBeGreaterThan(0);
      expect(reads.ok).toBeGreaterThan(0);
    },
    (size('SOAK_SECONDS', 600) + 300) * 1000,
  );
});
