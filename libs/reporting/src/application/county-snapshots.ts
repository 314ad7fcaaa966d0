import { Inject, Injectable } from '@nestjs/common';
import { County } from '../domain/county.js';
import type { ReportingFact } from '../domain/reporting-fact.js';
import { REPORTING_FACTS_SOURCE, type ReportingFactsSource } from './reporting-facts.port.js';

const PAGE = 20_000;

/**
 * The county as the reports see it. Live: the facts read so far are kept in memory and topped up
 * from the read model on each request (only rows past the last one seen), and the live County is
 * brought forward by the new facts. As recorded at T: the same facts, those recorded up to T,
 * replayed into a fresh County (docs/decisions/0121).
 */
@Injectable()
export class CountySnapshots {
  private facts: ReportingFact[] = [];
  private live?: County;
  private refreshing?: Promise<void>;

  constructor(@Inject(REPORTING_FACTS_SOURCE) private readonly source: ReportingFactsSource) {}

  async county(asRecordedAt?: string): Promise<County> {
    await this.refresh();
    if (asRecordedAt !== undefined) return County.of(this.facts, asRecordedAt);
    this.live ??= County.of(this.facts);
    return this.live;
  }

  /** Global position of the last fact the reports have read. */
  lastPosition(): number {
    return this.facts.length === 0 ? 0 : this.facts[this.facts.length - 1].position;
  }

  private refresh(): Promise<void> {
    // Concurrent requests share one top-up.
    this.refreshing ??= (async () => {
      try {
        for (;;) {
          const page = await this.source.factsAfter(this.lastPosition(), PAGE);
          if (page.length === 0) break;
          for (const fact of page) this.live?.add(fact);
          this.facts.push(...page);
          if (page.length < PAGE) break;
        }
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }
}
