import type { Role } from './principal.js';

/**
 * How an officer's zones are checked on a route they may use only inside their zones:
 * - `body-zone`: the body's `zoneId` (a registration);
 * - `enterprise`: the zone of the enterprise named by `:uscc` (and a reassignment's `toZoneId`);
 * - `injury-case`: the zone of the case named by `:claimId`;
 * - `accident`: the zone of the accident named by `:id`;
 * - `accident-report`: the body's `zoneId`, else the zone of the body's `uscc`;
 * - `list`: a `zoneId` query must be theirs (one zone: it is set for them), and rows of other zones are
 *   removed from the answer;
 * - `zone-query`: a list that takes `zoneId`: as `list`, and an officer of one zone who names none gets theirs.
 */
export type ZoneTarget =
  | 'body-zone'
  | 'enterprise'
  | 'injury-case'
  | 'accident'
  | 'accident-report'
  | 'list'
  | 'zone-query';

/** `allow`: the role may; `zone`: an officer, inside their zones only. A role not named is denied (403). */
export type Grant = 'allow' | 'zone';

export type RouteRule =
  | { public: true }
  | { public?: false; grants: Partial<Record<Role, Grant>>; zone?: ZoneTarget };

const PUBLIC: RouteRule = { public: true };
const ADMIN_OR_ZONE_OFFICER = (zone: ZoneTarget): RouteRule => ({
  grants: { admin: 'allow', officer: 'zone' },
  zone,
});
const READERS = (zone: ZoneTarget): RouteRule => ({
  grants: {
    admin: 'allow',
    leader: 'allow',
    auditor: 'allow',
    officer: 'zone',
  },
  zone,
});
const AUDIT_READ: RouteRule = { grants: { admin: 'allow', auditor: 'allow' } };

/**
 * THE authorisation table: every route of the api (without the /api/v1 prefix) × role. The guard
 * enforces it; the app refuses to boot when a route has no entry or an entry names no route
 * (docs/decisions/0220-access-control.md). The dashboard's static files and the OpenAPI document are
 * served before routing and need no token.
 */
export const ACCESS_TABLE: Readonly<Record<string, RouteRule>> = {
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,
  'GET /metrics': PUBLIC,

  'POST /enterprises': ADMIN_OR_ZONE_OFFICER('body-zone'),
  'GET /enterprises': READERS('zone-query'),
  'GET /enterprises/:uscc': READERS('enterprise'),
  'GET /enterprises/:uscc/history': {
    grants: { admin: 'allow', auditor: 'allow', officer: 'zone' },
    zone: 'enterprise',
  },
  'PATCH /enterprises/:uscc': ADMIN_OR_ZONE_OFFICER('enterprise'),
  'POST /enterprises/:uscc/zone-reassignments':
    ADMIN_OR_ZONE_OFFICER('enterprise'),
  'POST /enterprises/:uscc/headcounts': ADMIN_OR_ZONE_OFFICER('enterprise'),
  'POST /enterprises/:uscc/enrolment': ADMIN_OR_ZONE_OFFICER('enterprise'),
  'POST /enterprises/:uscc/guidance-officer':
    ADMIN_OR_ZONE_OFFICER('enterprise'),
  'POST /enterprises/:uscc/guidance-visits':
    ADMIN_OR_ZONE_OFFICER('enterprise'),
  'POST /enterprises/:uscc/responsibility-lists':
    ADMIN_OR_ZONE_OFFICER('enterprise'),
  'POST /enterprises/:uscc/components/:component':
    ADMIN_OR_ZONE_OFFICER('enterprise'),
  'POST /enterprises/:uscc/trainings': ADMIN_OR_ZONE_OFFICER('enterprise'),
  'POST /enterprises/:uscc/assessments': ADMIN_OR_ZONE_OFFICER('enterprise'),
  'POST /enterprises/:uscc/model-designation':
    ADMIN_OR_ZONE_OFFICER('enterprise'),
  'DELETE /enterprises/:uscc/model-designation':
    ADMIN_OR_ZONE_OFFICER('enterprise'),

  'POST /accidents': ADMIN_OR_ZONE_OFFICER('accident-report'),
  'POST /accidents/:id/casualty-revisions': ADMIN_OR_ZONE_OFFICER('accident'),
  'GET /accidents': READERS('zone-query'),

  // The HR system delivers the feed and nothing else; quarantine and reconciliation are the bureau's.
  'POST /hr-feed/batches': { grants: { admin: 'allow', 'hr-feed': 'allow' } },
  'GET /hr-feed/quarantine': {
    grants: { admin: 'allow', auditor: 'allow', officer: 'zone' },
    zone: 'list',
  },
  // Declarations of unregistered enterprises belong to no zone yet: every officer may see them to register it.
  'GET /hr-feed/unmatched': {
    grants: { admin: 'allow', auditor: 'allow', officer: 'allow' },
  },
  'GET /hr-feed/weeks/:feedWeek/reconciliation': {
    grants: { admin: 'allow', auditor: 'allow', officer: 'allow' },
  },

  'GET /injury-cases': READERS('zone-query'),
  'GET /injury-cases/:claimId': READERS('injury-case'),
  'POST /injury-cases/:claimId/follow-up-visits':
    ADMIN_OR_ZONE_OFFICER('injury-case'),
  'POST /injury-cases/:claimId/rectification':
    ADMIN_OR_ZONE_OFFICER('injury-case'),
  'POST /injury-cases/:claimId/rectification/items/:itemId/completion':
    ADMIN_OR_ZONE_OFFICER('injury-case'),
  'POST /injury-cases/:claimId/rectification/verification':
    ADMIN_OR_ZONE_OFFICER('injury-case'),
  'POST /injury-cases/:claimId/closure': ADMIN_OR_ZONE_OFFICER('injury-case'),

  'GET /metrics/accident-reduction': READERS('zone-query'),
  'GET /metrics/accident-reduction/facts': READERS('zone-query'),
  'GET /zones/competition': READERS('list'),
  'GET /zones/competition/facts': READERS('zone-query'),
  'GET /reports/weekly-injuries': READERS('list'),
  'GET /reports/weekly-injuries/facts': READERS('list'),
  // Reference data: names of the zones, no rows of anyone's.
  'GET /zones': {
    grants: {
      admin: 'allow',
      leader: 'allow',
      auditor: 'allow',
      officer: 'allow',
    },
  },

  'GET /audit/events': AUDIT_READ,
  'GET /audit/streams/:streamName': AUDIT_READ,
  'GET /audit/verify': AUDIT_READ,
  'GET /audit/export': AUDIT_READ,
  'GET /audit/checkpoints': AUDIT_READ,
  'GET /audit/public-key': AUDIT_READ,
  // Signing a checkpoint changes nothing but adds evidence: the auditor may ask for one.
  'POST /audit/checkpoints': AUDIT_READ,
  'POST /audit/replays': { grants: { admin: 'allow' } },
};

/** The grant the best of a caller's roles gives on a rule: allow beats zone beats nothing. */
export function grantFor(
  rule: Exclude<RouteRule, { public: true }>,
  roles: readonly Role[],
): Grant | undefined {
  const grants = roles.map((role) => rule.grants[role]);
  if (grants.includes('allow')) return 'allow';
  if (grants.includes('zone')) return 'zone';
  return undefined;
}
