import { Inject, Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import type { Principal, Role } from './principal.js';
import { principalFromClaims, unauthenticated } from './token-claims.js';
import { localSigningKey } from './local-token.js';

/** Verified tokens remembered at most (a client sends the same token for hours; docs/decisions/0170). */
const VERIFIED_KEPT = 10_000;

/**
 * Verifies bearer tokens with jose: the signature (HS256 with the shared or embedded key, or RS256/ES256
 * from the JWKS), issuer, audience and expiry, with a bounded clock skew. `alg: none` is never accepted.
 * A token that passed every check is remembered by its exact text until its own `exp` (no skew added),
 * so the signature of the token a client sends with every request is checked once, not on each request
 * (docs/decisions/0170-verified-token-cache.md); any other text — a different or altered token — is verified.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new Map<
    string,
    { principal: Principal; expiresAtMs: number }
  >();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.auth.mode === 'jwks') {
      this.key = createRemoteJWKSet(new URL(config.auth.jwksUrl!));
      this.algorithms = ['RS256', 'ES256'];
    } else {
      this.key = localSigningKey(config);
      this.algorithms = ['HS256'];
    }
  }

  async verify(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization === '') {
      throw unauthenticated(
        'TOKEN_MISSING',
        'This route needs Authorization: Bearer <token>',
      );
    }
    const match = /^Bearer\s+([\w-]+\.[\w-]*\.[\w-]*)\s*$/i.exec(authorization);
    if (!match)
      throw unauthenticated(
        'TOKEN_MALFORMED',
        'The Authorization header is not a bearer JWT',
      );
    const token = match[1];
    const known = this.verified.get(token);
    if (known !== undefined) {
      if (Date.now() < known.expiresAtMs) return known.principal;
      this.verified.delete(token); // expired: jose decides (and answers TOKEN_EXPIRED past the skew)
    }
    try {
      const { payload } = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        clockTolerance: this.config.auth.clockSkewSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      return this.remember(
        token,
        principalFromClaims(payload),
        payload.exp! * 1000,
      );
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw unauthenticated('TOKEN_EXPIRED', 'The token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw unauthenticated(
          'TOKEN_CLAIM_INVALID',
          `The token's "${error.claim}" claim is not accepted here`,
        );
      }
      if (error instanceof errors.JOSEError)
        throw unauthenticated(
          'TOKEN_INVALID',
          'The token is not valid for this service',
        );
      throw error;
    }
  }

  /** Frozen: every request with this token gets the same principal, which none of them may change. */
  private remember(
    token: string,
    claimed: Principal,
    expiresAtMs: number,
  ): Principal {
    if (this.verified.size >= VERIFIED_KEPT)
      this.verified.delete(this.verified.keys().next().value!); // the oldest
    const principal = Object.freeze({
      ...claimed,
      roles: Object.freeze([...claimed.roles]) as Role[],
      zones: Object.freeze([...claimed.zones]) as string[],
    });
    this.verified.set(token, { principal, expiresAtMs });
    return principal;
  }
}
