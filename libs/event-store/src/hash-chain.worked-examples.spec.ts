import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredEvent } from './event-store.port.js';
import {
  canonicalJson,
  chainHash,
  chainHashInput,
  GENESIS_HASH,
  hashedEnvelope,
  type HashedPositionRule,
} from './hash-chain.js';

/** The fenced blocks of docs/audit/hash-chain.md, by their tag (`example-1-event` …) with the rest of the info string. */
function blocks(): Map<string, { info: string[]; body: string }> {
  const text = readFileSync(
    join(process.cwd(), 'docs/audit/hash-chain.md'),
    'utf8',
  );
  const found = new Map<string, { info: string[]; body: string }>();
  for (const match of text.matchAll(
    /^```\w+ (example-[\w-]+)([^\n]*)\n([\s\S]*?)\n```$/gm,
  )) {
    found.set(match[1], {
      info: match[2].trim().split(/\s+/).filter(Boolean),
      body: match[3],
    });
  }
  return found;
}

/** An event as an export line writes it: the positions are decimal strings. */
type ExportLine = Omit<StoredEvent, 'streamPosition' | 'globalPosition'> & {
  streamPosition: string;
  globalPosition: string;
};

function fromExportLine(
  line: ExportLine,
  rule: HashedPositionRule,
): StoredEvent {
  return {
    ...line,
    streamPosition: BigInt(line.streamPosition),
    globalPosition: rule === 'zero' ? 0n : BigInt(line.globalPosition),
  };
}

describe('docs/audit/hash-chain.md worked examples', () => {
  const doc = blocks();

  it.each(['1', '2', '3'])(
    'example %s: the stated canonical text and hash are what the code computes',
    (n) => {
      const eventBlock = doc.get(`example-${n}-event`)!;
      const rule = eventBlock.info[0] as HashedPositionRule;
      expect(['global-position', 'zero']).toContain(rule);
      const line = JSON.parse(eventBlock.body) as ExportLine;
      const event = fromExportLine(line, rule);

      expect(canonicalJson(hashedEnvelope(event))).toBe(
        doc.get(`example-${n}-canonical`)!.body,
      );
      expect(chainHashInput(event.prevHash, event)).toBe(
        `${event.prevHash}${doc.get(`example-${n}-canonical`)!.body}`,
      );
      const stated = doc.get(`example-${n}-hash`)!.body.trim();
      expect(chainHash(event.prevHash, event)).toBe(stated);
      expect(line.hash).toBe(stated);
    },
  );

  it('chains example 2 to example 1, which starts from the genesis value', () => {
    const first = JSON.parse(doc.get('example-1-event')!.body) as StoredEvent;
    const second = JSON.parse(doc.get('example-2-event')!.body) as StoredEvent;
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
  });

  it('writes the UTF-16 key order, raw Chinese text and ECMAScript numbers the document describes', () => {
    const canonical = doc.get('example-2-canonical')!.body;
    expect(canonical.indexOf('"😀"')).toBeLessThan(
      canonical.indexOf('"\ue000"'),
    );
    expect(canonical).toContain('"audience":"全员"');
    expect(canonical).toContain('"directLossYuan":1e+21');
    expect(canonical).toContain('"ratio":1e-7');
    expect(canonical).toContain(
      '"topic":"岗位\\"安全\\"责任\\n第二讲\\t(附录)"',
    );
  });
});
