import { createHmac, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@app/app-config';
import type { Role } from './principal.js';

export const LOCAL_SIGNING_KEY_FILE = 'auth-signing.key';
export const ADMIN_TOKEN_FILE = 'admin.token';

/**
 * The HS256 key: AUTH_JWT_SECRET, or in the embedded default a key generated once into DATA_DIR
 * (mode 0600) so that tokens survive a restart.
 */
export function localSigningKey(config: AppConfig): Uint8Array {
  if (config.auth.mode === 'hs256')
    return new TextEncoder().encode(config.auth.secret);
  if (config.auth.mode === 'jwks')
    throw new Error(
      'tokens are issued by the OIDC provider when AUTH_JWKS_URL is set',
    );
  const file = join(config.dataDir, LOCAL_SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      // Another process of the same DATA_DIR wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

export interface TokenRequest {
  sub: string;
  role: Role;
  zones?: string[];
  /** Lifetime: "8h", "30m", "7d", "90s". */
  ttl?: string;
}

const TTL = /^(\d{1,6})\s*(s|m|h|d)$/;
const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "8h", "30m", "7d", "90s" → seconds; undefined when not one of those. */
export function ttlSeconds(ttl: string): number | undefined {
  const match = TTL.exec(ttl.trim());
  return match ? Number(match[1]) * SECONDS[match[2]] : undefined;
}

/**
 * Signs an HS256 token with the local key (embedded default or AUTH_JWT_SECRET): `npm run cli -- token`,
 * tests. Synchronous (node:crypto HMAC, the JWS compact form of RFC 7515) so callers need not await;
 * the api verifies it with jose like any other token.
 */
export function mintLocalToken(
  config: AppConfig,
  request: TokenRequest,
  now = new Date(),
): string {
  const ttl = ttlSeconds(request.ttl ?? '8h');
  if (ttl === undefined || ttl <= 0)
    throw new Error(
      `a token lifetime is a number with s, m, h or d (e.g. 8h), got "${request.ttl}"`,
    );
  const iat = Math.floor(now.getTime() / 1000);
  const claims: Record<string, unknown> = {
    sub: request.sub,
    role: request.role,
    ...(request.zones && request.zones.length > 0
      ? { zones: request.zones }
      : {}),
    iss: config.auth.issuer,
    aud: config.auth.audience,
    iat,
    exp: iat + ttl,
  };
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = createHmac('sha256', localSigningKey(config))
    .update(input)
    .digest('base64url');
  return `${input}.${signature}`;
}

/**
 * Embedded default only: writes an admin token (30 days) to DATA_DIR/admin.token, mode 0600, and
 * answers its path; a new one on every start, so an old copy stops working within its lifetime.
 */
export function writeAdminToken(config: AppConfig): string | undefined {
  if (config.auth.mode !== 'embedded') return undefined;
  const file = join(config.dataDir, ADMIN_TOKEN_FILE);
  const token = mintLocalToken(config, {
    sub: 'local-admin',
    role: 'admin',
    ttl: '30d',
  });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
