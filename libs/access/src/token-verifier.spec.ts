import { jest } from '@jest/globals';
import { loadAppConfig } from '@app/app-config';
import { mintLocalToken } from './local-token.js';
import { TokenVerifier } from './token-verifier.js';

// Decision 0170: a verified token is remembered until its own exp. These show the memory never answers
// for a token it should refuse: expiry still applies, and any other text is verified afresh.
describe('TokenVerifier, verified tokens remembered', () => {
  const config = loadAppConfig({
    DATA_DIR: '/tmp/token-verifier-spec-unused',
    AUTH_JWT_SECRET: 'token-verifier-spec-'.padEnd(48, 'x'),
    AUTH_ISSUER: 'spec-issuer',
    AUTH_AUDIENCE: 'spec-audience',
    AUTH_CLOCK_SKEW_SECONDS: '0',
  });
  const start = new Date('2026-03-02T01:00:00.000Z');

  beforeEach(() =>
    jest.useFakeTimers({
      now: start,
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    }),
  );
  afterEach(() => jest.useRealTimers());

  it('answers the same principal again, then TOKEN_EXPIRED once the token expired', async () => {
    const verifier = new TokenVerifier(config);
    const token = `Bearer ${mintLocalToken(config, { sub: 'officer-7', role: 'officer', zones: ['zone-2'], ttl: '90s' }, start)}`;
    const first = await verifier.verify(token);
    expect(first).toEqual({
      sub: 'officer-7',
      roles: ['officer'],
      zones: ['zone-2'],
    });
    expect(await verifier.verify(token)).toEqual(first);

    jest.setSystemTime(new Date(start.getTime() + 91_000));
    await expect(verifier.verify(token)).rejects.toMatchObject({
      code: 'TOKEN_EXPIRED',
    });
    await expect(verifier.verify(token)).rejects.toMatchObject({
      code: 'TOKEN_EXPIRED',
    });
  });

  it('verifies any other text: an altered signature or claims of a remembered token are refused', async () => {
    const verifier = new TokenVerifier(config);
    const token = mintLocalToken(
      config,
      { sub: 'officer-7', role: 'officer', zones: ['zone-2'] },
      start,
    );
    await verifier.verify(`Bearer ${token}`);
    const [header, claims, signature] = token.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('A') ? 'B' : 'A'}${signature.slice(-1)}`;
    await expect(
      verifier.verify(`Bearer ${header}.${claims}.${flipped}`),
    ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    const admin = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')),
        role: 'admin',
      }),
    ).toString('base64url');
    await expect(
      verifier.verify(`Bearer ${header}.${admin}.${signature}`),
    ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('hands out a principal no request can change for the next one', async () => {
    const verifier = new TokenVerifier(config);
    const token = `Bearer ${mintLocalToken(config, { sub: 'officer-7', role: 'officer', zones: ['zone-2'] }, start)}`;
    const first = await verifier.verify(token);
    expect(() => first.zones.push('zone-1')).toThrow(TypeError);
    expect(() => first.roles.push('admin')).toThrow(TypeError);
    expect(await verifier.verify(token)).toEqual({
      sub: 'officer-7',
      roles: ['officer'],
      zones: ['zone-2'],
    });
  });
});
