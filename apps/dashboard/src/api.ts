import { ref, watch } from 'vue';
import { asRecordedAt, authRequired, token } from './state';

/** RFC 7807 problem details as the API answers them. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | undefined | null | false>;

export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (
      value !== undefined &&
      value !== null &&
      value !== false &&
      value !== ''
    )
      params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

export async function getJson<T>(path: string, query: Query = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // No auth exists yet on every deployment: the token is sent only when the user gave one.
  if (token.value) headers.Authorization = `Bearer ${token.value}`;
  const response = await fetch(buildUrl(path, query), { headers });
  if (!response.ok) {
    if (response.status === 401) authRequired.value = true;
    let code: string | undefined;
    let detail = response.statusText;
    try {
      const problem = (await response.json()) as {
        code?: string;
        detail?: string;
        title?: string;
      };
      code = problem.code;
      detail = problem.detail ?? problem.title ?? detail;
    } catch {
      /* not a problem document */
    }
    throw new ApiProblem(response.status, code, detail);
  }
  return (await response.json()) as T;
}

/** Report reads carry the shared as-of instant (metrics: asRecordedAt). */
export function getReport<T>(path: string, query: Query = {}): Promise<T> {
  return getJson<T>(path, {
    ...query,
    asRecordedAt: asRecordedAt.value || undefined,
  });
}

export interface Zone {
  id: string;
  name: string;
}

const zonesCache = ref<Zone[]>([]);
let zonesLoading: Promise<Zone[]> | null = null;

export function zones(): typeof zonesCache {
  if (!zonesLoading) {
    zonesLoading = getJson<{ zones: Zone[] }>('/zones')
      .then((body) => (zonesCache.value = body.zones))
      .catch(() => []);
  }
  return zonesCache;
}
// Asked again after signing in (a 401 before it left the list empty).
watch(token, () => {
  zonesLoading = null;
  zones();
});
