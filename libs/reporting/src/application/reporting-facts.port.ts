import type { ReportingFact } from '../domain/reporting-fact.js';

/** Where the reporting facts are kept (the `reporting_fact` read model). */
export interface ReportingFactsSource {
  /** Facts past a global position, in log order, at most `limit`. */
  factsAfter(position: number, limit: number): Promise<ReportingFact[]>;
}

export const REPORTING_FACTS_SOURCE = Symbol('ReportingFactsSource');
