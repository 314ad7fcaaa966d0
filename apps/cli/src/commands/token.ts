import { mintLocalToken, ROLES, type Role, ttlSeconds } from '@app/access';
import type { AppConfig } from '@app/app-config';
import {
  expectOnly,
  stringOption,
  UsageError,
  type CliArgs,
} from '../cli-args.js';

/**
 * `token --role R [--zones z1,z2] [--sub S] [--ttl 8h]`: mints a bearer token signed with the local key
 * (the embedded default's DATA_DIR key, or AUTH_JWT_SECRET) and prints it. With AUTH_JWKS_URL tokens
 * come from the OIDC provider, not from here.
 */
export async function tokenCommand(
  args: CliArgs,
  config: AppConfig,
): Promise<number> {
  expectOnly(args, ['role', 'zones', 'sub', 'ttl']);
  const role = stringOption(args, 'role');
  if (role === undefined || !(ROLES as readonly string[]).includes(role))
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const zones = (stringOption(args, 'zones') ?? '')
    .split(',')
    .map((z) => z.trim())
    .filter(Boolean);
  if (role === 'officer' && zones.length === 0)
    throw new UsageError('an officer needs --zones (e.g. --zones zone-1)');
  const ttl = stringOption(args, 'ttl') ?? '8h';
  if (ttlSeconds(ttl) === undefined)
    throw new UsageError(
      `--ttl is a number with s, m, h or d (e.g. 8h), got "${ttl}"`,
    );
  if (config.auth.mode === 'jwks') {
    process.stderr.write(
      'AUTH_JWKS_URL is set: tokens are issued by the OIDC provider\n',
    );
    return 2;
  }
  const sub = stringOption(args, 'sub') ?? `${role}-local`;
  process.stdout.write(
    `${mintLocalToken(config, { role: role as Role, zones, sub, ttl })}\n`,
  );
  return 0;
}
