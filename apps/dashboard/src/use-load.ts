import { ref, shallowRef, watch, type WatchSource } from 'vue';
import { ApiProblem } from './api';
import { token } from './state';
import { t } from './i18n';

/** One way for every view to load: re-runs when its sources change, keeps the last error readable. */
export function useLoad<T>(load: () => Promise<T>, sources: WatchSource[]) {
  const data = shallowRef<T | null>(null);
  const error = ref<string>('');
  const loading = ref(false);
  let generation = 0;
  const run = async () => {
    const mine = ++generation;
    loading.value = true;
    error.value = '';
    try {
      const result = await load();
      if (mine === generation) data.value = result;
    } catch (e) {
      if (mine !== generation) return;
      data.value = null;
      error.value = describeError(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  };
  // A new token (signing in) reloads every view.
  watch([...sources, token], run, { immediate: true });
  return { data, error, loading, reload: run };
}

export function describeError(e: unknown): string {
  if (e instanceof ApiProblem) {
    if (e.status === 404 && !e.code) return t('common.notAvailable');
    return `${t('common.error')}${t('error.status', { status: e.status })}: ${e.code ? `${e.code} — ` : ''}${e.message}`;
  }
  return `${t('common.error')}: ${e instanceof Error ? e.message : String(e)}`;
}
