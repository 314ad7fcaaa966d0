import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { NewEvent } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';

/**
 * Shared by the benchmarks under test/bench (see test/bench/README.md): workloads, sizes from the
 * environment, timing, and the output format — a table per benchmark and one JSON line per figure
 * (`{"bench":…}`), written straight to stdout so that RESULTS.md can quote exactly what was printed.
 */

/** A size parameter: BENCH_<NAME> from the environment, else the default. */
export function size(name: string, fallback: number): number {
  const raw = process.env[`BENCH_${name}`];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`BENCH_${name} must be a positive integer, got ${raw}`);
  return value;
}

/** A list parameter, e.g. BENCH_GROWTH_SIZES=100000,1000000. */
export function sizes(name: string, fallback: number[]): number[] {
  const raw = process.env[`BENCH_${name}`];
  if (!raw) return fallback;
  return raw.split(',').map((part) => {
    const value = Number(part.trim().replace(/_/g, ''));
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`BENCH_${name}: ${part} is not a positive integer`);
    return value;
  });
}

/** PostgreSQL for the benchmarks; absent → the PostgreSQL figures are skipped with a line saying so. */
export const PG_URL =
  process.env.PG_URL ??
  process.env.BENCH_PG_URL ??
  'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/**
 * A throwaway database for one benchmark on the server of PG_URL (created through `admin`, a client
 * connected there): its name, for the DROP … WITH (FORCE) at the end, and its connection URL.
 */
export async function createBenchDatabase(
  admin: { query(sql: string): Promise<unknown> },
  bench: string,
): Promise<{ database: string; url: string }> {
  const database = `bench_${bench}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  return { database, url: url.toString() };
}

/** The event every append benchmark writes: ~300 bytes of JSON with Chinese text, like a follow-up visit. */
export function payload(i: number): Record<string, unknown> {
  return {
    claimId: `XX-2026-${String(i).padStart(6, '0')}`,
    zoneId: `zone-${(i % 4) + 1}`,
    uscc: '91430381MA4L1234X5',
    visit: i,
    note: '复查整改落实情况，岗位安全责任清单上墙，隐患整改闭环',
    findings: ['安全培训记录齐全', '应急预案已演练'],
    inspector: `officer-${i % 17}`,
    scheduledFor: '2026-03-02',
    completedAt: '2026-03-05T09:30:00.000Z',
  };
}

export const EVENT_TYPE = 'FollowUpVisitRecorded';
export const ACTOR = 'bench';

/** Events `first` … `first + count - 1` of the append and read benchmarks, as our port takes them. */
export const benchEvents = (first: number, count: number): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    type: EVENT_TYPE,
    schemaVersion: 1,
    data: payload(first + i),
    metadata: { actor: ACTOR },
  }));

/** The clock of every store under benchmark: fixed, so recordedAt costs the same in every run. */
export const benchClock = (): FixedClock =>
  new FixedClock('2026-02-01T00:00:00.000Z');

/** What a raw baseline stores per event, built the way a hand-written loop would. */
export function rawRow(
  i: number,
  globalPosition: number,
  streamPosition: number,
  streamName: string,
  prevHash: string,
) {
  const data = JSON.stringify(payload(i));
  const metadata = JSON.stringify({
    actor: ACTOR,
    recordedAt: '2026-02-01T00:00:00.000Z',
  });
  const eventId = randomUUID();
  const hash = createHash('sha256')
    .update(prevHash)
    .update(
      `${eventId}${streamName}${streamPosition}${globalPosition}${data}${metadata}`,
    )
    .digest('hex');
  return { eventId, data, metadata, hash };
}

export async function timed<T>(
  work: () => Promise<T>,
): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, result };
}

export interface Figure {
  bench: string;
  /** e.g. sqlite, postgres, http */
  backend: string;
  /** ours | raw | emmett */
  impl: string;
  workload: string;
  value: number;
  unit: string;
  /** Same-run ratio, e.g. { to: 'raw', value: 0.81 } (ours ÷ other, higher is better for ours). */
  ratios?: Record<string, number>;
  params?: Record<string, number | string>;
}

/** Median of repeated runs: the machine is shared, a single run is noisy. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function ratio(
  ours: number,
  other: number | undefined,
): number | undefined {
  return other === undefined || other === 0
    ? undefined
    : Math.round((ours / other) * 100) / 100;
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join('/')}`;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Prints a table of the figures, then one JSON line per figure. */
export function printFigures(title: string, figures: Figure[]): void {
  out('');
  out(`## ${title}  (${machine()})`);
  const header = ['backend', 'impl', 'workload', 'value', 'unit', 'ratios'];
  const rows = figures.map((f) => [
    f.backend,
    f.impl,
    f.workload,
    f.value >= 100
      ? Math.round(f.value).toLocaleString('en-US')
      : f.value.toFixed(2),
    f.unit,
    Object.entries(f.ratios ?? {})
      .map(([k, v]) => `${v >= 0.1 ? v.toFixed(2) : v.toPrecision(2)}× ${k}`) // a ratio far below 1 keeps its digits
      .join(', '),
  ]);
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map((r) => r[c].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(' | ')} |`;
  out(line(header));
  out(
    `|${widths.map((w, c) => (c === 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  );
  for (const row of rows) out(line(row));
  for (const figure of figures)
    out(
      JSON.stringify({
        ...figure,
        value: Math.round(figure.value * 100) / 100,
      }),
    );
}

/** A line of its own, e.g. why a figure is missing. */
export function note(text: string): void {
  out(`note: ${text}`);
}

export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
