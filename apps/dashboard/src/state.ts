import { ref, watch } from 'vue';

/**
 * What every view shares: the optional access token and the as-of instant (docs/decisions/0213).
 * The as-of instant is also kept in the URL (?asOf=) so that a link reproduces the same figures.
 */
const TOKEN_KEY = 'dashboard.token';

export const token = ref<string>(globalThis.localStorage?.getItem(TOKEN_KEY) ?? '');
watch(token, (value) => {
  if (value) globalThis.localStorage?.setItem(TOKEN_KEY, value);
  else globalThis.localStorage?.removeItem(TOKEN_KEY);
});

/** ISO instant or '' for "now". */
export const asRecordedAt = ref<string>(new URLSearchParams(globalThis.location?.search ?? '').get('asOf') ?? '');
