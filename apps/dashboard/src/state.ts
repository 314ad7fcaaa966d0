import { computed, ref, watch } from 'vue';

/**
 * What every view shares: the optional access token and the as-of instant (docs/decisions/0213).
 * The as-of instant is also kept in the URL (?asOf=) so that a link reproduces the same figures.
 */
const TOKEN_KEY = 'dashboard.token';

export const token = ref<string>(
  globalThis.localStorage?.getItem(TOKEN_KEY) ?? '',
);
watch(token, (value) => {
  if (value) globalThis.localStorage?.setItem(TOKEN_KEY, value);
  else globalThis.localStorage?.removeItem(TOKEN_KEY);
  authRequired.value = false;
});

/** Set when the service answered 401: the header then asks for a token. */
export const authRequired = ref(false);

export type Role = 'admin' | 'officer' | 'hr-feed' | 'leader' | 'auditor';

/**
 * Who the token says the user is, read from its payload for display and navigation only: the service
 * verifies the token on every request and is the one that refuses (docs/decisions/0213).
 */
export const principal = computed<{
  sub: string;
  roles: Role[];
  zones: string[];
} | null>(() => {
  const payload = token.value.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(
      atob(payload.replace(/-/g, '+').replace(/_/g, '/')),
    ) as { sub?: string; role?: string; roles?: string[]; zones?: string[] };
    const roles = [json.role, ...(json.roles ?? [])].filter(
      (r): r is Role => typeof r === 'string',
    );
    return { sub: json.sub ?? '', roles, zones: json.zones ?? [] };
  } catch {
    return null;
  }
});

/** Without a token (no access control on this service) every view is offered; with one, what its roles may read. */
export function mayRead(roles: readonly Role[]): boolean {
  const who = principal.value;
  return who === null || who.roles.some((r) => roles.includes(r));
}

/** ISO instant or '' for "now". */
export const asRecordedAt = ref<string>(
  new URLSearchParams(globalThis.location?.search ?? '').get('asOf') ?? '',
);
