import { FixedClock } from '@app/shared-kernel';
import {
  envelopeTemplate,
  metadataJson,
  prepareEvents,
  templateHash,
} from './append-support.js';
import { canonicalJson, chainHash, GENESIS_HASH } from './hash-chain.js';

// The adapters hash through envelopeTemplate (PostgreSQL inside its append function); the one
// definition of the hash is chainHash (docs/audit/hash-chain.md). They must give the same bytes.
describe('envelopeTemplate + templateHash', () => {
  const clock = new FixedClock('2026-03-02T08:00:00.000Z');
  const cases: Record<string, unknown>[] = [
    { n: 1 },
    {},
    {
      note: '复查整改落实情况',
      emoji: '🚒',
      nested: { b: [1, 2.5, -0, 1e21, null, true], a: 'x"y\\z\n' },
    },
    {
      data: 'looks like a slot: 8164093027615431',
      globalPosition: '8164093027615437',
      'key with "quotes"': 'é',
    },
    { tricky: '\\u0000data\\u0000 written as text' },
  ];

  it.each(cases.map((data, i) => [i, data] as const))(
    'gives chainHash for case %i',
    (_, data) => {
      const [event] = prepareEvents(
        'enterprise-湘乡-1',
        [
          {
            eventId: 'e-1',
            type: 'X',
            schemaVersion: 2,
            data,
            metadata: { actor: 'officer-1', causationId: 'c-1' },
          },
        ],
        clock,
      );
      for (const [globalPosition, streamPosition] of [
        [1n, 0n],
        [123456789012n, 41n],
      ]) {
        const expected = chainHash(GENESIS_HASH, {
          eventId: event.eventId,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: JSON.parse(event.dataJson) as Record<string, unknown>,
          metadata: event.metadata,
          streamName: 'enterprise-湘乡-1',
          streamPosition,
          globalPosition,
        });
        expect(
          templateHash(
            GENESIS_HASH,
            envelopeTemplate('enterprise-湘乡-1', event),
            event.dataJson,
            globalPosition,
            streamPosition,
          ),
        ).toBe(expected);
      }
    },
  );

  it('gives chainHash for every event of one call, where events share their metadata and template', () => {
    const events = prepareEvents(
      'injury-case-湘乡-9',
      [
        {
          eventId: 'e-1',
          type: 'X',
          schemaVersion: 1,
          data: { n: 1 },
          metadata: { actor: 'a' },
        },
        {
          eventId: 'e-"2"\\',
          type: 'Y',
          schemaVersion: 1,
          data: { n: 2 },
          metadata: { actor: 'a' },
        },
        {
          eventId: 'e-3',
          type: 'X',
          schemaVersion: 1,
          data: { n: 3 },
          metadata: { actor: 'a' },
        },
        {
          eventId: 'e-4',
          type: 'X',
          schemaVersion: 1,
          data: { n: 4 },
          metadata: { actor: 'b' },
        },
        {
          type: 'X',
          schemaVersion: 1,
          data: { n: 5 },
          metadata: { actor: 'b' },
        },
      ],
      clock,
    );
    // Same fields, one object; other fields, another (the default correlation id is shared by the call).
    expect(events[1].metadata).toBe(events[0].metadata);
    expect(events[2].metadata).toBe(events[0].metadata);
    expect(events[3].metadata).not.toBe(events[0].metadata);
    expect(events[4].metadata).toBe(events[3].metadata);
    let prevHash = GENESIS_HASH;
    events.forEach((event, i) => {
      const globalPosition = BigInt(100 + i);
      const streamPosition = BigInt(i);
      const expected = chainHash(prevHash, {
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: JSON.parse(event.dataJson) as Record<string, unknown>,
        metadata: event.metadata,
        streamName: 'injury-case-湘乡-9',
        streamPosition,
        globalPosition,
      });
      expect(
        templateHash(
          prevHash,
          envelopeTemplate('injury-case-湘乡-9', event),
          event.dataJson,
          globalPosition,
          streamPosition,
        ),
      ).toBe(expected);
      expect(metadataJson(event.metadata)).toBe(canonicalJson(event.metadata));
      prevHash = expected;
    });
  });
});
