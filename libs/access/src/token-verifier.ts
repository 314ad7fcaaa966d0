import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import type { Principal } from './principal.js';
import { principalFromClaims, unauthenticated } from './token-claims.js';
import { localSigningKey } from './local-token.js';

/**
 * Verifies bearer tokens with jose: the signature (HS256 with the shared or embedded key, or RS256/ES256
 * from the JWKS), issuer, audience and expiry, with a bounded clock skew. `alg: none` is never accepted.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

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
      throw unauthenticated('TOKEN_MISSING', 'This route needs Authorization: Bearer <token>');
    }
    const match = /^Bearer\s+([\w-]+\.[\w-]*\.[\w-]*)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated('TOKEN_MALFORMED', 'The Authorization header is not a bearer JWT');
    try {
      const { payload } = await jwtVerify(match[1], this.key as Uint8Array, {
        algorithms: this.algorithms,
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        clockTolerance: this.config.auth.clockSkewSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      return principalFromClaims(payload);
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticated('TOKEN_EXPIRED', 'The token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw unauthenticated('TOKEN_CLAIM_INVALID', `The token's "${error.claim}" claim is not accepted here`);
      }
      if (error instanceof errors.JOSEError) throw unauthenticated('TOKEN_INVALID', 'The token is not valid for this service');
      throw error;
    }
  }
}
