import { locale, t } from './i18n';
import { zones } from './api';

/** Zone names come from reference data (Chinese); English shows "Zone N" for the numbered zones. */
export function zoneName(id: string | null | undefined): string {
  if (!id) return '—';
  if (id === 'unassigned') return t('zone.unassigned');
  const numbered = /^zone-(\d+)$/.exec(id);
  if (locale.value === 'en' && numbered) return `Zone ${numbered[1]}`;
  return zones().value.find((z) => z.id === id)?.name ?? id;
}
