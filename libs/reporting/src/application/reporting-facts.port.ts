import type { ReportingFact } from '../domain/reporting-fact.js';

/** Where the reporting facts are kept (the `reporting_fact` read model). */
export interface ReportingFactsSource {
  /** Facts past a global position, in log order, at most `limit`. */
  factsAfter(position: number, limit: number): Promise<ReportingFact[]>;
  /**
   * Which build of the table is live: changes when its rows were replaced under readers (`cli rebuild --swap`,
   * a new projector version; docs/decisions/0107), so a reader holding rows it read earlier must drop them.
   */
  generation(): Promise<string>;
}

export const REPORTING_FACTS_SOURCE = Symbol('ReportingFactsSource');
