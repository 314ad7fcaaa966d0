import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { constants, PerformanceObserver, performance } from 'node:perf_hooks';
import { CommandBus } from '@nestjs/cqrs';
import { PROJECTION_RUNNER } from '@app/composition';
import { IngestFeedBatchService } from '@app/hr-feed';
import { PERSONAL_DATA_KEYS_FILE, PersonalDataVault } from '@app/injuries';
import type { ProjectionRunner } from '@app/projections';
import {
  County,
  accidentReduction,
  type ReportingFact,
  toReportingFact,
  zoneCompetition,
} from '@app/reporting';
import {
  DEFAULT_REFERENCE_DATA,
  productionSafetyInjuryNatures,
} from '@app/reference-data';
import {
  DEMO_DEFAULT_ENTERPRISES,
  DEMO_DEFAULT_SEED,
} from '../../apps/cli/src/demo/demo-plan.js';
import { loadDemoCounty } from '../../apps/cli/src/demo/load-demo-county.js';
import { scaleUp } from '../../apps/cli/src/demo/scale-up.js';
import { getCaughtUp } from '../support/caught-up.js';
import { machine } from './support/bench-kit.js';
import { createTestApp } from '../support/test-app.js';

/**
 * `npm run bench -- reports`: the two report GETs at a fixed rate, live and as recorded at an instant,
 * on the demo county repeated to REPORTS_BENCH_EVENTS events (default 200,000; the target log
 * is 1,000,000 — set it, and allow for the load and projection time). Prints p50/p99, and in the same
 * process the raw baseline and the alternative the decision weighed (docs/decisions/0121): replaying
 * the log itself into memory for one asRecordedAt answer. BENCH_LOG names an events.sqlite written by
 * `npm run demo -- --events N` to use instead (copied with the personal-data-keys.sqlite beside it; the api
 * projects it from zero).
 */
const EVENTS = Number(process.env.REPORTS_BENCH_EVENTS ?? 200_000);
const LOG = process.env.BENCH_LOG;
const RATE_PER_SECOND = Number(process.env.REPORTS_BENCH_RATE ?? 20);
const REQUESTS = Number(process.env.REPORTS_BENCH_REQUESTS ?? 200);
const AS_RECORDED_AT = '2024-09-05T00:00:00+08:00';
/** Exploration only: keep the projected DATA_DIR here (reused by the next run), skip the log replay, CPU profile. */
const KEEP_DIR = process.env.REPORTS_BENCH_DATA_DIR;
const BASELINE = process.env.REPORTS_BENCH_BASELINE !== 'off';
const CPU_PROFILE = process.env.REPORTS_BENCH_CPU_PROFILE;
const HEAP_PROFILE = process.env.REPORTS_BENCH_HEAP_PROFILE;
const PATHS = {
  competition: '/api/v1/zones/competition?month=2024-08',
  accidentReduction:
    '/api/v1/metrics/accident-reduction?from=2024-01-01&to=2024-08-31',
};

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const rssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const round = (v: number) => Math.round(v * 100) / 100;

/** GETs over one keep-alive agent (connections reused across requests), with a bearer token. */
function keepAliveClient(token: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    get: (port: number, path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            agent,
            headers: { authorization: `Bearer ${token}` },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      }),
    close: () => agent.destroy(),
  };
}

/** V8's GC kinds as perf_hooks reports them. */
const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'markCompact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incrementalMarking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakCallbacks',
};
type GcPauses = Record<string, { count: number; maxMs: number }>;

/** REQUESTS calls sent at RATE_PER_SECOND on a fixed schedule (not waiting for answers): latency p50/p99 in ms. */
async function series(
  call: () => Promise<unknown>,
): Promise<{ p50: number; p99: number; gc: GcPauses }> {
  // GC pauses during the series, by kind (a heap of every fact makes a major GC long): count and longest.
  const gc: GcPauses = {};
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind =
        (entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      const seen = (gc[GC_KINDS[kind] ?? String(kind)] ??= {
        count: 0,
        maxMs: 0,
      });
      seen.count++;
      seen.maxMs = round(Math.max(seen.maxMs, entry.duration));
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const latencies: number[] = [];
  const begin = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const wait = begin + (i * 1000) / RATE_PER_SECOND - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    inFlight.push(
      call().then(() => void latencies.push(performance.now() - sent)),
    );
  }
  await Promise.all(inFlight);
  observer.disconnect();
  expect(latencies).toHaveLength(REQUESTS);
  latencies.sort((a, b) => a - b);
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    gc,
  };
}

describe('reports at a fixed rate (embedded default)', () => {
  it('prints p50/p99 of GET /zones/competition and GET /metrics/accident-reduction, live and as recorded', async () => {
    const logDir = KEEP_DIR
      ? (mkdirSync(KEEP_DIR, { recursive: true }), KEEP_DIR)
      : LOG
        ? mkdtempSync(join(tmpdir(), 'bench-reports-'))
        : undefined;
    if (LOG && !existsSync(join(logDir!, 'events.sqlite'))) {
      copyFileSync(LOG, join(logDir!, 'events.sqlite'));
      if (existsSync(`${LOG}-wal`))
        copyFileSync(`${LOG}-wal`, join(logDir!, 'events.sqlite-wal')); // commits not yet checkpointed
      // The log's sealed personal data needs its key table (docs/decisions/0230), kept beside it.
      const keys = join(dirname(LOG), PERSONAL_DATA_KEYS_FILE);
      if (existsSync(keys))
        copyFileSync(keys, join(logDir!, PERSONAL_DATA_KEYS_FILE));
    }
    const t = await createTestApp({
      WORKER_REF_SECRET: 'reports-bench-secret-of-32-characters',
      ...(logDir ? { DATA_DIR: logDir } : {}),
    });
    try {
      let started = performance.now();
      if (!LOG) {
        await loadDemoCounty(
          t.app.get(CommandBus),
          t.app.get(IngestFeedBatchService),
          t.clock,
          { seed: DEMO_DEFAULT_SEED, enterprises: DEMO_DEFAULT_ENTERPRISES },
        );
        await scaleUp(t.store, t.clock, t.app.get(PersonalDataVault), {
          seed: DEMO_DEFAULT_SEED,
          targetEvents: EVENTS,
        });
      }
      let head = Number(await t.store.headPosition());
      console.log(
        `[bench] reports: log of ${head} events loaded in ${round((performance.now() - started) / 1000)} s`,
      );
      started = performance.now();
      await getCaughtUp(t, '/zones', 'leader-1', 3_600_000);
      // The process managers (recurrence flags) append as they catch up: measure on a log at rest, so that
      // every request asks about the same facts (a changed fact costs one recomputation, printed as firstMs).
      const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
      for (let at = await t.store.headPosition(); ;) {
        expect(await runner.waitFor(at, 3_600_000)).toBe(true);
        const now = await t.store.headPosition();
        if (now === at) break;
        at = now;
      }
      head = Number(await t.store.headPosition());
      console.log(
        `[bench] reports: read models and process managers caught up in ${round((performance.now() - started) / 1000)} s; peak RSS ${rssMiB()} MiB`,
      );

      // One real listening server, one keep-alive client: what a dashboard polling the api sees, without a
      // new server and connection per request (supertest's). Every request carries the leader's bearer token.
      await t.app.listen(0, '127.0.0.1');
      const apiPort = (t.app.getHttpServer().address() as AddressInfo).port;
      const client = keepAliveClient(
        t.tokenFor({ role: 'leader', sub: 'leader-1' }),
      );
      console.log(`[bench] reports: ${machine()}`);

      // Raw HTTP floor, same client, rate and answer size: a node:http server that sends a fixed body. The body is
      // the live competition's first answer, so that request is timed as that series' firstMs.
      const firstCompetition = performance.now();
      const body = Buffer.from(
        (await client.get(apiPort, PATHS.competition)).body,
      );
      const firstCompetitionMs = performance.now() - firstCompetition;
      const raw = createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(body),
      );
      await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
      const rawSeries = await series(() =>
        client.get((raw.address() as AddressInfo).port, '/'),
      );
      raw.close();
      console.log(
        JSON.stringify({
          bench: 'reports',
          report: 'raw-http',
          bytes: body.length,
          ratePerSecond: RATE_PER_SECOND,
          requests: REQUESTS,
          p50Ms: rawSeries.p50,
          p99Ms: rawSeries.p99,
          gcPauses: rawSeries.gc,
          peakRssMiB: rssMiB(),
        }),
      );

      const profiler = CPU_PROFILE || HEAP_PROFILE ? new Session() : undefined;
      profiler?.connect();
      if (profiler && CPU_PROFILE) {
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      if (profiler && HEAP_PROFILE) {
        // Sampled allocations of the series: those still alive at its end, or with _ALL every one.
        const all = process.env.REPORTS_BENCH_HEAP_PROFILE_ALL === '1';
        await profiler.post('HeapProfiler.enable');
        await profiler.post('HeapProfiler.startSampling', {
          samplingInterval: 8192,
          includeObjectsCollectedByMajorGC: all,
          includeObjectsCollectedByMinorGC: all,
        });
      }
      // The series first: the baseline below leaves a large heap to collect, which would stall requests.
      for (const asRecordedAt of [undefined, AS_RECORDED_AT]) {
        for (const [name, path] of Object.entries(PATHS)) {
          const url = asRecordedAt
            ? `${path}&asRecordedAt=${encodeURIComponent(asRecordedAt)}`
            : path;
          let firstMs = firstCompetitionMs;
          if (asRecordedAt || name !== 'competition') {
            const first = performance.now();
            expect((await client.get(apiPort, url)).status).toBe(200);
            firstMs = performance.now() - first;
          }
          const measured = await series(async () => {
            const response = await client.get(apiPort, url);
            if (response.status !== 200)
              throw new Error(
                `GET ${url}: ${response.status} ${response.body}`,
              );
          });
          console.log(
            JSON.stringify({
              bench: 'reports',
              report: name,
              asRecordedAt: asRecordedAt ?? null,
              events: head,
              ratePerSecond: RATE_PER_SECOND,
              requests: REQUESTS,
              firstMs: round(firstMs),
              p50Ms: measured.p50,
              p99Ms: measured.p99,
              gcPauses: measured.gc,
              peakRssMiB: rssMiB(),
              ratios: { rawHttpP99: round(measured.p99 / rawSeries.p99) },
            }),
          );
        }
      }
      client.close();
      if (profiler && CPU_PROFILE) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(CPU_PROFILE, JSON.stringify(profile));
      }
      if (profiler && HEAP_PROFILE) {
        const { profile } = await profiler.post('HeapProfiler.stopSampling');
        writeFileSync(HEAP_PROFILE, JSON.stringify(profile));
      }
      profiler?.disconnect();
      if (!BASELINE) return;

      // Raw baseline: the whole log read and decoded page by page, and the alternative the decision weighed —
      // the same log replayed into a County for one asRecordedAt answer.
      started = performance.now();
      let events = 0;
      for (let after = 0n; ;) {
        const page = await t.store.readAll({ after, limit: 10_000 });
        if (page.length === 0) break;
        events += page.length;
        after = page[page.length - 1].globalPosition;
      }
      const readSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const facts: ReportingFact[] = [];
      for (let after = 0n; ;) {
        const page = await t.store.readAll({ after, limit: 10_000 });
        if (page.length === 0) break;
        for (const event of page) {
          const fact = toReportingFact(event);
          if (fact) facts.push(fact);
        }
        after = page[page.length - 1].globalPosition;
      }
      const county = County.of(facts, new Date(AS_RECORDED_AT).toISOString());
      const options = {
        productionSafetyNatures: productionSafetyInjuryNatures(
          DEFAULT_REFERENCE_DATA,
        ),
      };
      accidentReduction(
        county,
        { from: '2024-01-01', to: '2024-08-31' },
        options,
      );
      zoneCompetition(county, '2024-08', {
        zones: DEFAULT_REFERENCE_DATA.zones,
        components: DEFAULT_REFERENCE_DATA.components.map((c) => c.id),
        weights: DEFAULT_REFERENCE_DATA.competitionWeights,
        ...options,
      });
      const replayMs = performance.now() - started;
      console.log(
        JSON.stringify({
          bench: 'reports-baseline',
          events,
          facts: facts.length,
          rawReadEventsPerSecond: Math.round(events / readSeconds),
          replayFromLogMs: Math.round(replayMs),
          peakRssMiB: rssMiB(),
        }),
      );
      facts.length = 0;
    } finally {
      await t.close();
      if (logDir && !KEEP_DIR) rmSync(logDir, { recursive: true, force: true });
    }
  }, 7_200_000);
});
