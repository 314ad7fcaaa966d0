import { Inject, Injectable, Optional } from '@nestjs/common';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@app/projections';
import { County } from '../domain/county.js';
import {
  REPORTING_FACTS_SOURCE,
  type ReportingFactsSource,
} from './reporting-facts.port.js';
import { REPORTING_PROJECTOR_NAME } from './reporting-health.js';

const PAGE = 20_000;
/** Counties as recorded at an instant kept in memory (an auditor asks about the same day again and again). */
const RECORDED_AT_KEPT = 4;

/** A county and how far into the facts table it has looked: every fact up to `through` was offered to it. */
interface Snapshot {
  county: County;
  /** Facts recorded after this instant (ms) are not taken in; Infinity for the live county. */
  horizon: number;
  through: number;
  /**
   * The facts projector's checkpoint before the last read that brought it to the table's end: every fact
   * committed up to it is in the county. Undefined: unknown, read the table on the next request.
   */
  covered?: bigint;
}

/**
 * The county as the reports see it (docs/decisions/0121, 0125). The live County and the counties as
 * recorded at recently asked instants are kept in memory and brought forward from the facts table on each
 * request (only rows past the last one each has seen), so a request costs a fold only the first time an
 * instant is asked. The facts themselves are not kept: an instant asked for the first time is folded from
 * the table, which keeps the heap to the counties (at 1M events the facts were half of it, and every
 * minor GC paid for them). A County's `version` changes whenever it took in a new fact: results may be
 * cached by it. When the table's rows are replaced under the api (`cli rebuild --swap`,
 * docs/decisions/0107), its generation changes and every county is dropped and read again.
 *
 * A request reads the table only when there can be something new (docs/decisions/0124): the facts
 * projector's checkpoint (kept in memory by the runner, and moved only once a page's rows are committed)
 * is past the one the last top-up started from, or the generation changed. Concurrent requests share a
 * top-up only if it started after they arrived, so no answer misses a fact committed before its request
 * (and `?minPosition=` waits for that checkpoint before the request gets here).
 */
@Injectable()
export class CountySnapshots {
  private live = liveSnapshot();
  private readonly recordedAt = new Map<number, Snapshot>();
  /** Counties being folded for an instant asked for the first time, shared by requests that ask it meanwhile. */
  private readonly folding = new Map<number, Promise<Snapshot>>();
  /** The build of the facts table the counties were read from (ReportingFactsSource.generation). */
  private generation?: string;
  /** Top-ups are numbered as they start; `covered` is the number of the last one that completed. */
  private started = 0;
  private covered = 0;
  private topUpInFlight?: { number: number; done: Promise<void> };

  constructor(
    @Inject(REPORTING_FACTS_SOURCE)
    private readonly source: ReportingFactsSource,
    @Optional()
    @Inject(PROJECTION_PROGRESS)
    private readonly progress?: ProjectionProgress,
  ) {}

  async county(asRecordedAt?: string): Promise<County> {
    await this.refresh();
    if (asRecordedAt === undefined) return this.live.county;
    const instant = Date.parse(asRecordedAt);
    let snapshot = this.recordedAt.get(instant);
    if (snapshot) {
      this.recordedAt.delete(instant); // most recently used last
    } else {
      snapshot = await this.foldOnce(instant);
      if (this.recordedAt.size >= RECORDED_AT_KEPT)
        this.recordedAt.delete(this.recordedAt.keys().next().value!);
    }
    this.recordedAt.set(instant, snapshot);
    return snapshot.county;
  }

  /** Global position of the last fact the live report has read. */
  lastPosition(): number {
    return this.live.through;
  }

  private async refresh(): Promise<void> {
    const arrived = this.started;
    const checkpoint = this.checkpoint();
    const generation = await this.source.generation();
    if (
      generation === this.generation &&
      checkpoint !== undefined &&
      [this.live, ...this.recordedAt.values()].every(
        (snapshot) =>
          snapshot.covered !== undefined && checkpoint <= snapshot.covered,
      )
    )
      return; // nothing committed since each county was brought forward
    // A top-up that started after this request arrived reads everything committed before it.
    while (this.covered <= arrived) {
      const running = this.topUpInFlight;
      if (running && running.number > arrived) return running.done;
      if (running) await running.done.catch(() => undefined);
      else this.startTopUp();
    }
  }

  private startTopUp(): void {
    const number = ++this.started;
    const done = (async () => {
      try {
        const checkpoint = this.checkpoint();
        // Read the generation before and after the top-up: a swap in between leaves a mix, read again.
        for (let generation = await this.source.generation(); ;) {
          if (generation !== this.generation) this.forget(generation);
          const snapshots = [this.live, ...this.recordedAt.values()];
          await this.bringForward(snapshots);
          const after = await this.source.generation();
          if (after === generation) {
            for (const snapshot of snapshots) snapshot.covered = checkpoint;
            break;
          }
          generation = after;
        }
        this.covered = number;
      } finally {
        this.topUpInFlight = undefined;
      }
    })();
    this.topUpInFlight = { number, done };
  }

  /**
   * The county as recorded at an instant not held in memory, folded from the table. Folded to the table's
   * end, at least as far as the live county, so it answers about the same facts; later facts reach it
   * through the top-ups once it is kept (its own `covered` says from where). A swap during the fold makes
   * it start over.
   */
  private foldOnce(instant: number): Promise<Snapshot> {
    let folding = this.folding.get(instant);
    if (!folding) {
      folding = (async () => {
        for (;;) {
          const generation = this.generation;
          const snapshot: Snapshot = {
            county: new County(),
            horizon: instant,
            through: 0,
            // Taken before the first read: a later commit, even one a concurrent top-up saw, is read next time.
            covered: this.checkpoint(),
          };
          await this.bringForward([snapshot]);
          if (
            generation === this.generation &&
            (await this.source.generation()) === generation
          )
            return snapshot;
        }
      })().finally(() => this.folding.delete(instant));
      this.folding.set(instant, folding);
    }
    return folding;
  }

  /** Where the facts projector stands, when this process follows it (undefined: always read the table). */
  private checkpoint(): bigint | undefined {
    try {
      return this.progress?.position([REPORTING_PROJECTOR_NAME]);
    } catch {
      return undefined; // a runner without the facts projector
    }
  }

  private forget(generation: string): void {
    this.live = liveSnapshot();
    this.recordedAt.clear();
    this.generation = generation;
  }

  /** Offers each snapshot every fact past the one it has seen, in log order, up to the table's end. */
  private async bringForward(snapshots: Snapshot[]): Promise<void> {
    if (snapshots.length === 0) return;
    for (;;) {
      const from = Math.min(...snapshots.map((s) => s.through));
      const page = await this.source.factsAfter(from, PAGE);
      for (const fact of page) {
        const recorded = Date.parse(fact.recordedAt);
        for (const snapshot of snapshots) {
          if (fact.position <= snapshot.through) continue;
          if (recorded <= snapshot.horizon) snapshot.county.add(fact);
          snapshot.through = fact.position;
        }
      }
      if (page.length < PAGE) break;
    }
  }
}

function liveSnapshot(): Snapshot {
  return { county: new County(), horizon: Infinity, through: 0 };
}
