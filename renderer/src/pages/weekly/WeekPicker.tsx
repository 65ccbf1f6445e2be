/**
 * The week picker of the weekly summary: previous / next week buttons (also Alt+← / Alt+→), the week field
 * ('2026年第48周' / '2026-W48', typed or picked on a calendar — WeekField), the week's label ('2026年第48周（11-23 ~ 11-29）'), which week it is and why it is shown
 * ('上周（本周一默认）', '本周（客户周报默认本周）', '3周前') and a button back to the default week.
 */
import { useEffect } from 'react';
import { Button, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { addWeeks, isoWeekFromId, isoWeekId, weekLabel, weekRelation } from '../../../../shared/domain/weeks';
import { hostDefaultWeek } from '../../stores/weekly-store';
import { useAppStore } from '../../stores/app-store';
import { WeekField } from './WeekField';

/** Normalises a week id ('2026-W48', '2026w48'); null when it is not a week that exists. */
export function validWeek(id: string | null): string | null {
  if (!id) return null;
  try {
    return isoWeekId(isoWeekFromId(id));
  } catch {
    return null;
  }
}

/** '上周（本周一默认）' / '本周（默认）' / '3周前': which week this is against today and why it is shown. */
export function weekRelationText(t: TFunction, week: string, today: string, mode: 'rollup' | 'client'): string {
  const r = weekRelation(isoWeekFromId(week), today, mode);
  const rel = r.offset === 0 ? t('weekly.week.rel.this') : r.offset === -1 ? t('weekly.week.rel.last') : r.offset === 1 ? t('weekly.week.rel.next')
    : r.offset < 0 ? t('weekly.week.rel.ago', { count: -r.offset }) : t('weekly.week.rel.ahead', { count: r.offset });
  if (!r.reason) return rel;
  return t('weekly.week.rel.why', { rel, why: t(r.reason === 'monday' ? 'weekly.week.rel.monday' : mode === 'client' ? 'weekly.week.rel.client' : 'weekly.week.rel.default') });
}

export function WeekPicker({ week, onChange, mode = 'rollup' }: { week: string; onChange: (week: string) => void; mode?: 'rollup' | 'client' }) {
  const { t, i18n } = useTranslation();
  const today = useAppStore((s) => s.today);
  const w = isoWeekFromId(week);
  const step = (n: number) => onChange(isoWeekId(addWeeks(w, n)));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
      e.preventDefault();
      onChange(isoWeekId(addWeeks(w, e.key === 'ArrowLeft' ? -1 : 1)));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [w, onChange]);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
      <Tooltip title={`${t('weekly.week.prev')} (Alt+←)`}>
        <IconButton onClick={() => step(-1)} aria-label={t('weekly.week.prev')} data-testid="week-prev"><ChevronLeftIcon /></IconButton>
      </Tooltip>
      <WeekField week={week} onChange={onChange} />
      <Tooltip title={`${t('weekly.week.next')} (Alt+→)`}>
        <IconButton onClick={() => step(1)} aria-label={t('weekly.week.next')} data-testid="week-next"><ChevronRightIcon /></IconButton>
      </Tooltip>
      <Typography variant="subtitle1" data-testid="week-label" sx={{ fontWeight: 600 }}>{weekLabel(w, i18n.language === 'en' ? 'en' : 'zh-CN')}</Typography>
      <Typography variant="body2" color="text.secondary" data-testid="week-relation">{weekRelationText(t, week, today, mode)}</Typography>
      <Tooltip title={t(mode === 'client' ? 'weekly.week.defaultHintClient' : 'weekly.week.defaultHint')}>
        <Button size="small" onClick={() => void hostDefaultWeek(mode).then(onChange)} data-testid="week-default">{t('weekly.week.default')}</Button>
      </Tooltip>
    </Stack>
  );
}
