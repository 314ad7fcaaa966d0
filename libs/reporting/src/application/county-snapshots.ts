import { Inject, Injectable, Optional } from '@nestjs/common';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@app/projections';
import { County } from '../domain/county.js';
import type { ReportingFact } from '../domain/reporting-fact.js';
import {
  REPORTING_FACTS_SOURCE,
  type ReportingFactsSource,
} from './reporting-facts.port.js';
import { REPORTING_PROJECTOR_NAME } from './reporting-health.js';

const PAGE = 20_000;
/** Counties as recorded at an instant kept in memory (an auditor asks about the same day again and again). */
const RECORDED_AT_KEPT = 8;

/**
 * The county as the reports see it (docs/decisions/0121). The facts read so far are kept in memory
 * and topped up from the read model on each request (only rows past the last one seen). The live
 * County and the counties as recorded at recently asked instants are brought forward by the new
 * facts (those recorded by their instant), so a request costs a fold only the first time an
 * instant is asked. A County's `version` changes whenever it took in a new fact: results may be cached by it.
 * When the table's rows are replaced under the api (`cli rebuild --swap`, docs/decisions/0107), its
 * generation changes and everything read from the old rows is dropped and read again.
 *
 * A request reads the table only when there can be something new (docs/decisions/0124): the facts
 * projector's checkpoint (kept in memory by the runner, and moved only once a page's rows are committed)
 * is past the one the last top-up started from, or the generation changed. Concurrent requests share a
 * top-up only if it started after they arrived, so no answer misses a fact committed before its request
 * (and `?minPosition=` waits for that checkpoint before the request gets here).
 */
@Injectable()
export class CountySnapshots {
  private facts: ReportingFact[] = [];
  private live?: County;
  private readonly recordedAt = new Map<number, County>();
  /** The build of the facts table the facts in memory were read from (ReportingFactsSource.generation). */
  private generation?: string;
  /** The projector's checkpoint when the last completed top-up started: every fact up to it is in memory. */
  private readThrough?: bigint;
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
    if (asRecordedAt === undefined)
      return (this.live ??= County.of(this.facts));
    const instant = Date.parse(asRecordedAt);
    let county = this.recordedAt.get(instant);
    if (county) {
      this.recordedAt.delete(instant); // most recently used last
    } else {
      county = County.of(this.facts, new Date(instant).toISOString());
      if (this.recordedAt.size >= RECORDED_AT_KEPT)
        this.recordedAt.delete(this.recordedAt.keys().next().value!);
    }
    this.recordedAt.set(instant, county);
    return county;
  }

  /** Global position of the last fact the reports have read. */
  lastPosition(): number {
    return this.facts.length === 0
      ? 0
      : this.facts[this.facts.length - 1].position;
  }

  private async refresh(): Promise<void> {
    const arrived = this.started;
    const checkpoint = this.checkpoint();
    const generation = await this.source.generation();
    if (
      generation === this.generation &&
      checkpoint !== undefined &&
      this.readThrough !== undefined &&
      checkpoint <= this.readThrough
    )
      return; // nothing committed since the facts in memory were read
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
          await this.topUp();
          const after = await this.source.generation();
          if (after === generation) break;
          generation = after;
        }
        this.readThrough = checkpoint;
        this.covered = number;
      } finally {
        this.topUpInFlight = undefined;
      }
    })();
    this.topUpInFlight = { number, done };
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
    this.facts = [];
    this.live = undefined;
    this.recordedAt.clear();
    this.generation = generation;
    this.readThrough = undefined;
  }

  private async topUp(): Promise<void> {
    for (;;) {
      const page = await this.source.factsAfter(this.lastPosition(), PAGE);
      if (page.length === 0) break;
      for (const fact of page) {
        this.live?.add(fact);
        const recorded = Date.parse(fact.recordedAt);
        for (const [instant, county] of this.recordedAt)
          if (recorded <= instant) county.add(fact);
        this.facts.push(fact);
      }
      if (page.length < PAGE) break;
    }
  }
}
