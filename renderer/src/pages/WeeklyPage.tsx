/**
 * 周报 — the weekly progress summaries (spec §9): a week picker, then either the roll-up of all active clients
 * ('#/weekly?week=2026-W48') or one client's week ('#/weekly/clients/<id>?week=2026-W48'). Without a (valid) week in
 * the route the page fills in the default week from the host's clock, replacing the entry: the roll-up's Monday rule
 * (`defaultSummaryWeek`), or the current week for one client's summary (opened from the client page).
 */
import { useCallback, useEffect } from 'react';
import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { navigate, replaceRoute } from '../route';
import { hostDefaultWeek } from '../stores/weekly-store';
import { validWeek, WeekPicker } from './weekly/WeekPicker';
import { RollupPanel } from './weekly/RollupPanel';
import { ClientWeekPanel } from './weekly/ClientWeekPanel';

export function WeeklyPage({ week, clientId }: { week: string | null; clientId: number | null }) {
  const { t } = useTranslation();
  const valid = validWeek(week);
  useEffect(() => {
    if (valid) return;
    let alive = true;
    void hostDefaultWeek(clientId ? 'client' : 'rollup').then((w) => { if (alive) replaceRoute({ name: 'weekly', week: w, clientId }); });
    return () => { alive = false; };
  }, [valid, clientId]);
  const setWeek = useCallback((w: string) => navigate({ name: 'weekly', week: w, clientId }), [clientId]);
  if (!valid) return <Typography>{t('common.loading')}</Typography>;
  return (
    <Stack spacing={2} data-testid="weekly-page">
      <Stack direction="row" spacing={3} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5">{clientId ? t('weekly.clientTitle') : t('weekly.title')}</Typography>
        <WeekPicker week={valid} onChange={setWeek} mode={clientId ? 'client' : 'rollup'} />
      </Stack>
      {clientId ? <ClientWeekPanel clientId={clientId} week={valid} /> : <RollupPanel week={valid} />}
    </Stack>
  );
}
