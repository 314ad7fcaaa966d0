import type { ProjectionProgress, ProjectorStatus } from '@app/projections';
import { County } from '../domain/county.js';
import type { ReportingFact } from '../domain/reporting-fact.js';
import { FactLog } from '../testing/facts.factory.js';
import { CountySnapshots } from './county-snapshots.js';
import type { ReportingFactsSource } from './reporting-facts.port.js';

/**
 * The facts table as the projector fills it: `commit(n)` makes the first n facts of the log visible and
 * moves the checkpoint there; `hold()` stops every read until `release()`, so a top-up and a fold overlap;
 * `holdGenerationCall(n)` stops only the n-th generation() call from now, until `release()`.
 */
class FactsTable implements ReportingFactsSource, ProjectionProgress {
  visible = 0;
  build = 'v1@t0';
  reads = 0;
  private generationCalls = 0;
  private heldGenerationCall?: number;
  private gate?: Promise<void>;
  private open?: () => void;

  constructor(public facts: ReportingFact[]) {}

  commit(n: number): void {
    this.visible = n;
  }
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  holdGenerationCall(n: number): void {
    this.heldGenerationCall = this.generationCalls + n;
    this.gate = undefined;
    this.gateGeneration = new Promise((resolve) => (this.open = resolve));
  }
  private gateGeneration?: Promise<void>;
  release(): void {
    this.gateGeneration = undefined;
    this.gate = undefined;
    this.open?.();
  }

  async factsAfter(position: number, limit: number): Promise<ReportingFact[]> {
    this.reads++;
    await this.gate;
    return this.facts
      .slice(0, this.visible)
      .filter((fact) => fact.position > position)
      .slice(0, limit);
  }
  async generation(): Promise<string> {
    if (++this.generationCalls === this.heldGenerationCall)
      await this.gateGeneration;
    return this.build;
  }
  position(): bigint {
    return BigInt(this.visible);
  }
  waitFor(): Promise<boolean> {
    return Promise.resolve(true);
  }
  status(): ProjectorStatus[] {
    return [
      {
        name: 'reporting.facts',
        position: BigInt(this.visible),
        state: 'running',
      },
    ];
  }
}

/** A county history with late records: facts recorded after the instants asked, and back-dated ones. */
function history(): ReportingFact[] {
  const log = new FactLog();
  log.register('U1', '2024-01-02T00:00:00Z');
  log.register('U2', '2024-01-03T00:00:00Z', { zoneId: 'zone-2' });
  log.declare('C1', { uscc: 'U1', injuredAt: '2024-02-01T00:00:00Z' });
  log.add(
    { type: 'EnterpriseZoneReassigned', uscc: 'U1', toZoneId: 'zone-3' },
    '2024-02-10T00:00:00Z',
    '2024-03-05T00:00:00Z',
  );
  log.declare(
    'C2',
    { uscc: 'U2', injuredAt: '2024-02-20T00:00:00Z' },
    '2024-03-06T00:00:00Z',
  );
  log.accident('A1', '2024-03-07T00:00:00Z', { deaths: 1 }, 'zone-2', 'U2');
  log.declare(
    'C3',
    { uscc: 'U1', injuredAt: '2024-01-20T00:00:00Z' },
    '2024-03-08T00:00:00Z',
  );
  return log.facts;
}

const INSTANTS = [
  '2024-02-15T00:00:00.000Z',
  '2024-03-05T00:00:00.000Z',
  '2024-03-07T12:00:00.000Z',
];

describe('CountySnapshots: counties kept, facts folded from the table', () => {
  it('answers live and at each instant exactly as a fold of the committed facts, as the table fills', async () => {
    const facts = history();
    const table = new FactsTable(facts);
    const snapshots = new CountySnapshots(table, table);
    for (const committed of [2, 4, 4, facts.length]) {
      table.commit(committed);
      const seen = facts.slice(0, committed);
      expect(await snapshots.county()).toEqual(County.of(seen));
      for (const instant of INSTANTS)
        expect(await snapshots.county(instant)).toEqual(
          County.of(seen, instant),
        );
      expect(snapshots.lastPosition()).toBe(committed);
    }
  });

  it('reads the table only when the checkpoint moved', async () => {
    const table = new FactsTable(history());
    table.commit(3);
    const snapshots = new CountySnapshots(table, table);
    await snapshots.county();
    const reads = table.reads;
    await snapshots.county();
    await snapshots.county();
    expect(table.reads).toBe(reads);
    table.commit(5);
    await snapshots.county();
    expect(table.reads).toBeGreaterThan(reads);
  });

  it('brings a county folded during a top-up to every fact committed before the next request', async () => {
    const facts = history();
    const table = new FactsTable(facts);
    table.commit(3);
    const snapshots = new CountySnapshots(table, table);
    await snapshots.county();
    // A top-up and a first fold of an instant overlap; more facts are committed meanwhile.
    table.hold();
    table.commit(5);
    const live = snapshots.county();
    const atInstant = snapshots.county(INSTANTS[2]);
    table.commit(facts.length);
    table.release();
    await Promise.all([live, atInstant]);
    expect(await snapshots.county(INSTANTS[2])).toEqual(
      County.of(facts, INSTANTS[2]),
    );
    expect(await snapshots.county()).toEqual(County.of(facts));
  });

  it('does not let a top-up that ends during a fold vouch for the folded county', async () => {
    const facts = history();
    const table = new FactsTable(facts);
    table.commit(3);
    const snapshots = new CountySnapshots(table, table);
    await snapshots.county();
    // The request's own check (1st call) passes; the fold reads through fact 3, then stops at its
    // closing generation check (2nd call).
    table.holdGenerationCall(2);
    const folded = snapshots.county(INSTANTS[2]);
    await new Promise((resolve) => setImmediate(resolve));
    // Meanwhile facts 4–7 are committed and a live request tops up to them.
    table.commit(facts.length);
    expect(await snapshots.county()).toEqual(County.of(facts));
    table.release();
    expect(await folded).toEqual(County.of(facts.slice(0, 3), INSTANTS[2]));
    // The next request at that instant must see facts 4–6 (recorded by then), though the checkpoint has not moved.
    expect(await snapshots.county(INSTANTS[2])).toEqual(
      County.of(facts, INSTANTS[2]),
    );
  });

  it('drops every county when the table is rebuilt under it (a swap) and folds the new rows', async () => {
    const facts = history();
    const table = new FactsTable(facts);
    table.commit(facts.length);
    const snapshots = new CountySnapshots(table, table);
    await snapshots.county();
    await snapshots.county(INSTANTS[1]);
    // The rebuilt table lacks the zone reassignment: a damaged row the swap repairs, or the other way round.
    const rebuilt = facts.filter(
      (fact) => fact.type !== 'EnterpriseZoneReassigned',
    );
    table.facts = rebuilt;
    table.build = 'v1@t1';
    expect(await snapshots.county()).toEqual(County.of(rebuilt));
    expect(await snapshots.county(INSTANTS[1])).toEqual(
      County.of(rebuilt, INSTANTS[1]),
    );
  });
});
