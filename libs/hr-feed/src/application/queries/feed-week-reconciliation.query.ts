import { Inject, Injectable } from '@nestjs/common';
import {
  FEED_MANIFEST_REPOSITORY,
  QUARANTINE_REPOSITORY,
  type FeedManifestRepository,
  type QuarantineRepository,
} from '../ports/feed-records.port.js';
import {
  INJURY_CASE_READ_MODEL,
  type InjuryCaseReadModel,
} from '@app/injuries';

export interface FeedWeekReconciliation {
  feedWeek: string;
  /** From the week's latest manifest; null when no manifest has arrived. */
  expectedCount: number | null;
  /** Distinct claimIds whose declarations of this week were received, corrected or withdrawn. */
  received: number;
  /** In the manifest's claimIds but never received this week (empty when the manifest lists none). */
  missingClaimIds: string[];
  /** Received this week but not in the manifest's claimIds (empty when the manifest lists none). */
  unexpectedClaimIds: string[];
  /** Missing claimIds that did arrive but were quarantined (their reasons are in GET /hr-feed/quarantine). */
  quarantinedClaimIds: string[];
  manifestReceivedAt: string | null;
}

/** GET /hr-feed/weeks/:feedWeek/reconciliation, and the reconciliation part of metrics.md §3. */
@Injectable()
export class FeedWeekReconciliationQuery {
  constructor(
    @Inject(INJURY_CASE_READ_MODEL) private readonly cases: InjuryCaseReadModel,
    @Inject(FEED_MANIFEST_REPOSITORY)
    private readonly manifests: FeedManifestRepository,
    @Inject(QUARANTINE_REPOSITORY)
    private readonly quarantine: QuarantineRepository,
  ) {}

  async execute(feedWeek: string): Promise<FeedWeekReconciliation> {
    const [manifest, receivedIds] = await Promise.all([
      this.manifests.get(feedWeek),
      this.cases.claimIdsOfFeedWeek(feedWeek),
    ]);
    const received = new Set(receivedIds);
    const listed = manifest?.claimIds ? new Set(manifest.claimIds) : undefined;
    const missing = listed
      ? [...listed].filter((id) => !received.has(id)).sort()
      : [];
    const quarantinedIds = new Set(
      missing.length === 0
        ? []
        : (await this.quarantine.list({ feedWeek }))
            .map((q) => q.claimId)
            .filter((id): id is string => id !== null),
    );
    return {
      feedWeek,
      expectedCount: manifest ? manifest.expectedCount : null,
      received: received.size,
      missingClaimIds: missing,
      unexpectedClaimIds: listed
        ? [...received].filter((id) => !listed.has(id)).sort()
        : [],
      quarantinedClaimIds: missing.filter((id) => quarantinedIds.has(id)),
      manifestReceivedAt: manifest?.receivedAt ?? null,
    };
  }
}
