/**
 * The week picker of the weekly summary: previous / next week buttons (also Alt+← / Alt+→), the browser's ISO week
 * input ('2026-W48'), the week's label ('2026年第48周（11-23 ~ 11-29）') and a button back to the default week.
 */
import { useEffect } from 'react';
import { Button, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useTranslation } from 'react-i18next';
import { addWeeks, isoWeekFromId, isoWeekId, weekLabel } from '../../../../shared/domain/weeks';
import { hostDefaultWeek } from '../../stores/weekly-store';

/** Normalises a week id ('2026-W48', '2026w48'); null when it is not a week that exists. */
export function validWeek(id: string | null): string | null {
  if (!id) return null;
  try {
    return isoWeekId(isoWeekFromId(id));
  } catch {
    return null;
  }
}

export function WeekPicker({ week, onChange }: { week: string; onChange: (week: string) => void }) {
  const { t, i18n } = useTranslation();
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
      <TextField
        type="week"
        size="small"
        label={t('weekly.week.label')}
        value={week}
        onChange={(e) => { const v = validWeek(e.target.value); if (v) onChange(v); }}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'week-input', 'aria-label': t('weekly.week.pick') } }}
      />
      <Tooltip title={`${t('weekly.week.next')} (Alt+→)`}>
        <IconButton onClick={() => step(1)} aria-label={t('weekly.week.next')} data-testid="week-next"><ChevronRightIcon /></IconButton>
      </Tooltip>
      <Typography variant="subtitle1" data-testid="week-label" sx={{ fontWeight: 600 }}>{weekLabel(w, i18n.language === 'en' ? 'en' : 'zh-CN')}</Typography>
      <Tooltip title={t('weekly.week.defaultHint')}>
        <Button size="small" onClick={() => void hostDefaultWeek().then(onChange)} data-testid="week-default">{t('weekly.week.default')}</Button>
      </Tooltip>
    </Stack>
  );
}
