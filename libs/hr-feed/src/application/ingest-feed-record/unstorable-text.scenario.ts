import type { EventStore } from '@app/event-store';
import { feedExample } from '@app/hr-feed-contracts/testing';
import type { IngestFeedRecordService } from './ingest-feed-record.service.js';
import { inMemoryVault } from '@app/injuries/testing';
import { feedIngestion } from '../../testing/feed-ingestion.js';

const vault = inMemoryVault();

const valid = (): Record<string, any> =>
  JSON.parse(feedExample('valid-declaration.json'));
const meta = { actor: 'hr-feed', correlationId: 'batch-nul' };

/**
 * A feed record that is valid JSON and valid against the contract, but holds text PostgreSQL cannot
 * store (U+0000, a lone surrogate): the event store refuses it on every backend alike, and the
 * ingestion quarantines it with a reason instead of failing (and a Kafka consumer retrying forever).
 * Run on SQLite and on PostgreSQL by their int-specs.
 */
export function describeUnstorableFeedRecord(
  backend: string,
  openStore: () => Promise<EventStore>,
): void {
  describe(`HR feed record with unstorable text (${backend})`, () => {
    let store: EventStore;
    let service: IngestFeedRecordService;

    beforeEach(async () => {
      store = await openStore();
      service = feedIngestion(store, vault, {
        secret: 'test-secret',
        zones: { '91430381000001001Y': 'zone-2' },
      });
    });
    afterEach(() => store.close());

    it('quarantines a Kafka message whose narrative holds \\u0000, with the path as reason', async () => {
      const raw = JSON.stringify({
        ...valid(),
        narrative: '冲压作业时\u0000左手被模具挤压',
      });
      expect(raw).toContain('\\u0000'); // JSON escape, as a producer would send it

      const result = await service.ingest({ raw, source: 'kafka' }, meta);

      expect(result).toEqual({
        outcome: 'quarantined',
        claimId: 'XX-2024-000123',
        reasons: [
          { path: '/narrative', message: expect.stringContaining('U+0000') },
        ],
        globalPosition: expect.any(Number),
      });
      const log = await store.readAll();
      expect(log.map((e) => [e.streamName, e.type])).toEqual([
        ['hr-feed-week-2024-W35', 'FeedRecordQuarantined'],
      ]);
      const data = (await vault.decode(log[0])).data as {
        reasons: unknown[];
        record: { narrative: string; claimId: string };
      };
      expect(data.reasons).toEqual(result.reasons);
      expect(data.record.narrative).toBe('冲压作业时\uFFFD左手被模具挤压');
      expect(await store.streamExists('injury-XX-2024-000123')).toBe(false);
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 1 });
    });

    it('quarantines an HTTP batch record with a lone surrogate, and the same record again appends nothing', async () => {
      const value = {
        ...valid(),
        employer: { uscc: '91430381000001001Y', name: '示例\ud800机械' },
      };

      const first = await service.ingest(
        { value, source: 'http', batchFeedWeek: '2024-W35' },
        meta,
      );
      const again = await service.ingest(
        { value, source: 'http', batchFeedWeek: '2024-W35' },
        meta,
      );

      expect(first).toMatchObject({
        outcome: 'quarantined',
        reasons: [{ path: '/employer/name' }],
      });
      expect(again).toEqual(first);
      expect((await store.readAll()).map((e) => e.type)).toEqual([
        'FeedRecordQuarantined',
      ]);
    });
  });
}
