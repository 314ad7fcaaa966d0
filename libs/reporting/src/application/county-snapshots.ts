import { Inject, Injectable } from '@nestjs/common';
import { County } from '../domain/county.js';
import type { ReportingFact } from '../domain/reporting-fact.js';
import {
  REPORTING_FACTS_SOURCE,
  type ReportingFactsSource,
} from './reporting-facts.port.js';

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
 */
@Injectable()
export class CountySnapshots {
  private facts: ReportingFact[] = [];
  private live?: County;
  private readonly recordedAt = new Map<number, County>();
  private refreshing?: Promise<void>;
  /** The build of the facts table the facts in memory were read from (ReportingFactsSource.generation). */
  private generation?: string;

  constructor(
    @Inject(REPORTING_FACTS_SOURCE)
    private readonly source: ReportingFactsSource,
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

  private refresh(): Promise<void> {
    // Concurrent requests share one top-up.
    this.refreshing ??= (async () => {
      try {
        // Read the generation before and after the top-up: a swap in between leaves a mix, read again.
        for (let generation = await this.source.generation(); ;) {
          if (generation !== this.generation) this.forget(generation);
          await this.topUp();
          const after = await this.source.generation();
          if (after === generation) break;
          generation = after;
        }
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private forget(generation: string): void {
    this.facts = [];
    this.live = undefined;
    this.recordedAt.clear();
    this.generation = generation;
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
