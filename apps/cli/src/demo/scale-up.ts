import type { EventStore, StreamAppend } from '@app/event-store';
import type { PersonalDataVault } from '@app/injuries';
import { deterministicEventId, type FixedClock } from '@app/shared-kernel';
import { Prng } from './prng.js';
import { generateUscc } from './uscc.js';
import { XIANGXIANG_DIVISION_CODE } from './xiangxiang.js';

/** Identifiers the demo gives its enterprises (USCC), injury cases, accidents and incidents. */
const USCC = /(?<![0-9A-Za-z])9[0-9A-HJ-NP-RTUW-Y]{17}(?![0-9A-Za-z])/g;
const CASE_IDS =
  /\b(HR-430381-(?:\d{4}-\d{5}|BAD-\d+)|XX-AQ-\d{4}-\d{4}|INC-\d{4}-X?\d+)\b/g;

export interface ScaleUpResult {
  copies: number;
  appended: number;
}

/**
 * `demo --events N`: a deterministic log of about N events for benchmarks. The county just loaded
 * (through the CommandBus and the feed ingestion, so every event is one the aggregates produced) is
 * repeated as neighbouring counties: copy k has its own USCCs, claim, accident and incident ids, and
 * event ids derived from the original's. The copies follow the county in the log, interleaved event by
 * event and each recorded at its original's instant, so they are in recording order among themselves
 * (the log as a whole goes back in recorded time once, where they start). Feed-week streams (manifests, quarantine)
 * belong to the HR bureau's week, not to a county, and are not repeated.
 */
export async function scaleUp(
  store: EventStore,
  clock: FixedClock,
  vault: PersonalDataVault,
  options: {
    seed: number;
    targetEvents: number;
    onProgress?: (appended: number) => void;
  },
): Promise<ScaleUpResult> {
  const base = (await store.readAll()).filter(
    (e) => !e.streamName.startsWith('hr-feed-week-'),
  );
  const head = Number(await store.headPosition());
  if (base.length === 0 || head >= options.targetEvents)
    return { copies: 0, appended: 0 };
  const copies = Math.ceil((options.targetEvents - head) / base.length);
  const renamers = Array.from({ length: copies }, (_, i) =>
    renamer(options.seed, i + 1),
  );
  let appended = 0;
  for (const event of base) {
    clock.set(event.metadata.recordedAt);
    const batch: StreamAppend[] = [];
    for (
      let k = 0;
      k < copies && head + appended + batch.length < options.targetEvents;
      k++
    ) {
      const rename = renamers[k];
      const eventId = deterministicEventId(event.eventId, 'copy', k + 1);
      // Sealed personal data is bound to its event id: the vault seals it again for the copy's.
      const data = await vault.copyFor(
        event,
        eventId,
        (d) => JSON.parse(rename(JSON.stringify(d))) as Record<string, unknown>,
      );
      batch.push({
        streamName: rename(event.streamName),
        events: [
          {
            eventId,
            type: event.type,
            schemaVersion: event.schemaVersion,
            data,
            metadata: {
              actor: event.metadata.actor,
              correlationId: `${event.metadata.correlationId}:copy-${k + 1}`,
              causationId: event.metadata.causationId,
              effectiveAt: event.metadata.effectiveAt,
            },
          },
        ],
      });
    }
    // The copies of one event are recorded at one instant and follow each other in the log: one transaction.
    // One transaction per batch: one commit instead of one per copy, the log the same event for event.
    await store.appendToStreams(batch);
    const before = appended;
    appended += batch.length;
    if (Math.floor(appended / 50_000) > Math.floor(before / 50_000))
      options.onProgress?.(appended);
    if (head + appended >= options.targetEvents) break;
  }
  return { copies, appended };
}

/** Rewrites a county's identifiers into copy k's, the same way every time. */
function renamer(seed: number, k: number): (text: string) => string {
  const usccs = new Map<string, string>();
  const taken = new Set<string>();
  const uscc = (original: string) => {
    let copy = usccs.get(original);
    if (!copy) {
      const random = Prng.derive(seed, `copy-${k}-${original}`);
      do copy = generateUscc(random, XIANGXIANG_DIVISION_CODE, true);
      while (taken.has(copy));
      taken.add(copy);
      usccs.set(original, copy);
    }
    return copy;
  };
  return (text: string) =>
    text.replace(USCC, uscc).replace(CASE_IDS, (id) => `${id}-K${k}`);
}
