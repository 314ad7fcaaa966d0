import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import request from 'supertest';
import { enterpriseRegistration } from '@app/enterprises/testing';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ISSUER = 'https://sso.example.gov.cn/realms/bureau';
const AUDIENCE = 'whole-staff-safety';

/**
 * Tokens of an OIDC provider (AUTH_JWKS_URL; docs/decisions/0220-access-control.md): RS256 and ES256 keys
 * published as a JWKS by a server on a random port; roles as the `roles` list providers send.
 */
describe('bearer tokens of an identity provider, verified against its JWKS', () => {
  let jwks: Server;
  let t: TestApp;
  const keys: Record<string, { privateKey: CryptoKey; alg: string }> = {};

  beforeAll(async () => {
    const published: object[] = [];
    for (const [kid, alg] of [
      ['rsa-1', 'RS256'],
      ['ec-1', 'ES256'],
    ] as const) {
      const { privateKey, publicKey } = await generateKeyPair(alg);
      keys[kid] = { privateKey, alg };
      published.push({ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' });
    }
    jwks = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/realms/bureau/protocol/openid-connect/certs`;
    t = await createTestApp({
      AUTH_JWKS_URL: url,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  async function token(
    kid: string,
    claims: Record<string, unknown>,
    key = keys[kid],
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key.privateKey);
  }

  it('accepts RS256 and ES256 tokens of its keys, and records their subject as the actor', async () => {
    for (const kid of ['rsa-1', 'ec-1']) {
      const leader = await token(kid, {
        sub: `leader-${kid}`,
        roles: ['offline_access', 'leader'],
      });
      await request(t.http)
        .get('/api/v1/zones')
        .set('Authorization', `Bearer ${leader}`)
        .expect(200);
    }
    const admin = await token('ec-1', {
      sub: 'oidc-admin-7',
      roles: ['admin'],
    });
    await request(t.http)
      .post('/api/v1/enterprises')
      .set('Authorization', `Bearer ${admin}`)
      .send(enterpriseRegistration())
      .expect(201);
    const [registered] = await t.store.readAll({
      types: ['EnterpriseRegistered'],
    });
    expect(registered.metadata.actor).toBe('oidc-admin-7');
    // The roles list decides: a leader may not register.
    const leader = await token('rsa-1', { sub: 'leader-2', roles: ['leader'] });
    const refused = await request(t.http)
      .post('/api/v1/enterprises')
      .set('Authorization', `Bearer ${leader}`)
      .send(enterpriseRegistration())
      .expect(403);
    expect(refused.body.code).toBe('ROLE_FORBIDDEN');
  });

  it('refuses a key it does not publish, an HS256 token and a token without any of its roles', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const stranger = await token(
      'ec-1',
      { sub: 'mallory', roles: ['admin'] },
      { privateKey, alg: 'ES256' },
    );
    const hs256 = await new SignJWT({ sub: 'eve', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    const noRole = await token('rsa-1', {
      sub: 'visitor',
      roles: ['offline_access'],
    });
    const answers: string[] = [];
    for (const bad of [stranger, hs256, noRole]) {
      const response = await request(t.http)
        .get('/api/v1/zones')
        .set('Authorization', `Bearer ${bad}`);
      answers.push(`${response.status} ${response.body.code}`);
    }
    expect(answers).toEqual([
      '401 TOKEN_INVALID',
      '401 TOKEN_INVALID',
      '401 TOKEN_ROLE_MISSING',
    ]);
  });
});
