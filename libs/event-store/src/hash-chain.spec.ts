import {
  canonicalJson,
  chainHash,
  ChainVerifier,
  GENESIS_HASH,
} from './hash-chain.js';
import type { StoredEvent } from './event-store.port.js';

function event(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const base = {
    eventId: '6f1c2a53-1f3e-4d52-9a0e-0a9c1a0d2b11',
    type: 'EnterpriseRegistered',
    schemaVersion: 1,
    data: { uscc: '91110108551385082Q', name: '湘乡示例企业' },
    metadata: {
      actor: 'officer-1',
      correlationId: 'c-1',
      causationId: null,
      recordedAt: '2026-01-01T00:00:00.000Z',
      effectiveAt: '2026-01-01T00:00:00.000Z',
    },
    streamName: 'enterprise-91110108551385082Q',
    streamPosition: 0n,
    globalPosition: 1n,
    ...overrides,
  };
  const prevHash = overrides.prevHash ?? GENESIS_HASH;
  return {
    ...base,
    prevHash,
    hash: overrides.hash ?? chainHash(prevHash, base),
  };
}

describe('canonical JSON', () => {
  it('orders keys so that key order never changes a hash', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }),
    ).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('writes bigints as strings and drops undefined fields', () => {
    expect(canonicalJson({ p: 12n, gone: undefined })).toBe('{"p":"12"}');
  });
});

describe('hash chain', () => {
  it('accepts a chain built by the rule and counts it', () => {
    const first = event();
    const second = event({
      globalPosition: 2n,
      streamPosition: 1n,
      eventId: 'e2',
      prevHash: first.hash,
    });
    const verifier = new ChainVerifier();
    expect(verifier.check(first)).toBeUndefined();
    expect(verifier.check(second)).toBeUndefined();
    expect(verifier.checked).toBe(2);
  });

  it('names altered content', () => {
    const tampered = {
      ...event(),
      data: { uscc: '91110108551385082Q', name: '改过的名字' },
    };
    expect(new ChainVerifier().check(tampered)).toMatch(/content/);
  });

  it('names a broken link', () => {
    const verifier = new ChainVerifier();
    verifier.check(event());
    expect(
      verifier.check(event({ globalPosition: 2n, prevHash: GENESIS_HASH })),
    ).toMatch(/previous/);
  });
});
