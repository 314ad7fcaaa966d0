import type { EnterpriseDirectory } from '../application/ports/enterprise-directory.port.js';
import type {
  FeedManifestRecord,
  FeedManifestRepository,
  QuarantineRepository,
  QuarantinedRecord,
} from '../application/ports/feed-records.port.js';
import type { InjuryCaseReadModel } from '../application/ports/injury-case-read-model.port.js';
import type { RecurrenceCandidate } from '../domain/recurrence.js';

export class FakeEnterpriseDirectory implements EnterpriseDirectory {
  constructor(private readonly zones: Record<string, string> = {}) {}
  async findZone(uscc: string): Promise<string | undefined> {
    return this.zones[uscc];
  }
}

export class FakeQuarantine implements QuarantineRepository {
  readonly rows = new Map<string, QuarantinedRecord>();
  async save(record: QuarantinedRecord): Promise<void> {
    this.rows.set(record.quarantineId, record);
  }
  async list(filter: { feedWeek?: string }): Promise<QuarantinedRecord[]> {
    return [...this.rows.values()].filter((r) => !filter.feedWeek || r.feedWeek === filter.feedWeek);
  }
}

export class FakeManifests implements FeedManifestRepository {
  readonly rows = new Map<string, FeedManifestRecord>();
  async save(m: FeedManifestRecord): Promise<void> {
    this.rows.set(m.feedWeek, m);
  }
  async get(feedWeek: string): Promise<FeedManifestRecord | undefined> {
    return this.rows.get(feedWeek);
  }
}

/** A read model that only answers what a test set up, and fails loudly otherwise. */
export class FakeInjuryCaseReadModel implements InjuryCaseReadModel {
  previousCases: RecurrenceCandidate[] = [];
  dueBefore: string[] = [];
  async casesOfEnterprise(uscc: string): Promise<RecurrenceCandidate[]> {
    return this.previousCases.filter((c) => c.uscc === uscc);
  }
  async claimIdsWithFollowUpDueBefore(): Promise<string[]> {
    return this.dueBefore;
  }
  get(): never {
    throw new Error('FakeInjuryCaseReadModel.get is not expected here');
  }
  list(): never {
    throw new Error('FakeInjuryCaseReadModel.list is not expected here');
  }
}
