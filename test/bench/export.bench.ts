import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { verifyExport } from '@app/audit';
import { createEventStore, type NewEvent } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';

// `npm run bench -- export`: a 1M-event log exported by the cli (a separate process, so its peak RSS is
// its own) and verified by both verifiers. Prints figures, with ratios to raw baselines measured in
// this process; asserts only that everything verifies, never timings.
const EVENTS = Number(process.env.BENCH_EXPORT_EVENTS ?? 1_000_000);
const BATCH = 1000;
const RSS_TARGET_MIB = 300;
const CLI = path.join(process.cwd(), 'dist/apps/cli/apps/cli/src/main.js');
const PYTHON_VERIFIER = path.join(
  process.cwd(),
  'apps/audit-verifier/verify_export.py',
);

function event(i: number): NewEvent {
  return {
    type: i % 3 === 0 ? 'TrainingSessionRecorded' : 'GuidanceVisitRecorded',
    schemaVersion: 1,
    data: {
      visit: i,
      findings: '岗位安全责任清单未覆盖仓储岗，已要求两周内补齐',
      attendees: i % 120,
      hours: 1.5,
      zoneId: `zone-${(i % 4) + 1}`,
    },
    metadata: {
      actor: `officer-zone-${(i % 4) + 1}`,
      correlationId: `bench-${Math.floor(i / BATCH)}`,
      effectiveAt: '2026-01-15T00:00:00.000Z',
    },
  };
}

const rate = (count: number, ms: number) => Math.round(count / (ms / 1000));

/** Peak resident set of a running child, from /proc (the high-water mark only grows). */
function watchPeakRss(pid: number): () => number {
  let peakKiB = 0;
  const timer = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(
        readFileSync(`/proc/${pid}/status`, 'utf8'),
      );
      if (match) peakKiB = Math.max(peakKiB, Number(match[1]));
    } catch {
      // The process has exited.
    }
  }, 20);
  return () => {
    clearInterval(timer);
    return peakKiB / 1024;
  };
}

/** Runs `cli export` in its own process into `file`; its duration and peak RSS. */
async function exportWithCli(
  file: string,
  nodeFlags: string[] = [],
): Promise<{ ms: number; peakMiB: number }> {
  const started = performance.now();
  const out = openSync(file, 'w');
  const child = spawn(process.execPath, [...nodeFlags, CLI, 'export'], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', out, 'inherit'],
  });
  const peakRss = watchPeakRss(child.pid!);
  const code = await new Promise<number | null>((resolve) =>
    child.on('exit', resolve),
  );
  const ms = performance.now() - started;
  closeSync(out);
  expect(code).toBe(0);
  return { ms, peakMiB: peakRss() };
}

let dataDir = '';

describe(`export benchmark (${EVENTS} events)`, () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-bench-'));
    dataDir = dir;
    if (!existsSync(CLI))
      execFileSync('npx', ['nest', 'build', 'cli'], { stdio: 'inherit' });
    const store = await createEventStore(
      { kind: 'sqlite', filename: path.join(dir, 'events.sqlite') },
      new FixedClock('2026-02-01T00:00:00.000Z'),
    );
    const started = performance.now();
    for (let i = 0; i < EVENTS; i += BATCH) {
      await store.appendToStream(
        `enterprise-bench-${(i / BATCH) % 500}`,
        Array.from({ length: Math.min(BATCH, EVENTS - i) }, (_, j) =>
          event(i + j),
        ),
      );
    }
    console.log(
      `[bench] export: appended ${EVENTS} events in batches of ${BATCH}: ${rate(EVENTS, performance.now() - started)} events/s`,
    );
    await store.close();
  }, 3_600_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams the export in bounded memory and both verifiers accept it', async () => {
    const file = path.join(dir, 'export.ndjson');

    // Raw baseline: every row straight from SQLite to a file, no envelope, no header, no service.
    const rawFile = path.join(dir, 'raw.ndjson');
    let started = performance.now();
    const db = new Database(path.join(dir, 'events.sqlite'), {
      readonly: true,
    });
    const raw = createWriteStream(rawFile);
    let rawRows = 0;
    for (const row of db
      .prepare('SELECT * FROM events ORDER BY global_position')
      .iterate()) {
      if (!raw.write(`${JSON.stringify(row)}\n`))
        await new Promise<void>((resolve) =>
          raw.once('drain', () => resolve()),
        );
      rawRows++;
    }
    await new Promise<void>((resolve) => raw.end(() => resolve()));
    db.close();
    const rawMs = performance.now() - started;

    const run = await exportWithCli(file);
    const size = statSync(file).size;
    // The same export with V8's old space capped at 64 MiB: it still completes, so the export holds no
    // state that grows with the log; the default heap merely collects later.
    const capped = await exportWithCli(path.join(dir, 'export-capped.ndjson'), [
      '--max-old-space-size=64',
    ]);
    expect(statSync(path.join(dir, 'export-capped.ndjson')).size).toBe(size);
    rmSync(path.join(dir, 'export-capped.ndjson'));
    console.log(
      `[bench] export: cli export of ${EVENTS} events (${(size / 2 ** 20).toFixed(0)} MiB): ${rate(EVENTS, run.ms)} events/s, ` +
        `peak RSS ${run.peakMiB.toFixed(0)} MiB (target ≤ ${RSS_TARGET_MIB} MiB: ${run.peakMiB <= RSS_TARGET_MIB ? 'met' : 'NOT met'}); ` +
        `with a 64 MiB old-space cap ${capped.peakMiB.toFixed(0)} MiB at ${rate(EVENTS, capped.ms)} events/s; ` +
        `raw SQLite-to-file baseline ${rate(rawRows, rawMs)} rows/s, export/raw ${(rawMs / run.ms).toFixed(2)}`,
    );

    // Raw baseline of verification: one SHA-256 per line, nothing parsed.
    started = performance.now();
    let hashed = 0;
    for await (const line of createInterface({
      input: createReadStream(file),
      crlfDelay: Infinity,
    })) {
      createHash('sha256').update(line).digest('hex');
      hashed++;
    }
    const hashMs = performance.now() - started;

    started = performance.now();
    const node = await verifyExport(
      createInterface({
        input: createReadStream(file, { encoding: 'utf8' }),
        crlfDelay: Infinity,
      }),
    );
    const nodeMs = performance.now() - started;
    expect(node).toMatchObject({ ok: true, checked: EVENTS });

    started = performance.now();
    const python = spawnSync('python3', [PYTHON_VERIFIER, file], {
      encoding: 'utf8',
    });
    const pythonMs = performance.now() - started;
    expect(JSON.parse(python.stdout)).toMatchObject({
      ok: true,
      checked: EVENTS,
    });

    console.log(
      `[bench] export: verifiers over ${EVENTS} events — cli (node) ${rate(EVENTS, nodeMs)} events/s, ` +
        `verify_export.py ${rate(EVENTS, pythonMs)} events/s; raw SHA-256-per-line baseline ${rate(hashed, hashMs)} lines/s ` +
        `(node verifier/raw ${(hashMs / nodeMs).toFixed(2)}, python/raw ${(hashMs / pythonMs).toFixed(2)})`,
    );
  }, 3_600_000);
});
