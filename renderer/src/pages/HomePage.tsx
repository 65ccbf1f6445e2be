/**
 * The home dashboard ('#/', opens first): overdue items, due this week and in the next two weeks, inspections today
 * and tomorrow, renewals, this year's annual reports, clients without a progress note this week, and clickable
 * client counts per stage and per city. Computed locally by the host (dashboard.get) for the app's `today`, and
 * refreshed when `today` changes, every 5 minutes, on window focus, or with the refresh button.
 */
import { useEffect } from 'react';
import { Alert, Box, Button, Grid, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../stores/app-store';
import { DASHBOARD_REFRESH_MS, useDashboardStore } from '../stores/dashboard-store';
import { navigate } from '../route';
import { useWeekday } from '../components/DeadlineLine';
import { DeadlineSections } from './home/DeadlineSections';
import { AnnualSection, InspectionsSlot, NoNoteSection, RenewalsSection } from './home/SideSections';
import { CountBars } from './home/CountBars';

export function HomePage() {
  const { t } = useTranslation();
  const today = useAppStore((s) => s.today);
  const { data, loadedAt, loading, error, load } = useDashboardStore();
  const weekday = useWeekday();

  useEffect(() => {
    void load(today);
    const timer = setInterval(() => void load(today), DASHBOARD_REFRESH_MS);
    const onFocus = () => void load(today);
    window.addEventListener('focus', onFocus);
    return () => { clearInterval(timer); window.removeEventListener('focus', onFocus); };
  }, [today, load]);

  const total = data ? data.stageCounts.reduce((s, x) => s + x.n, 0) : null;
  return (
    <Stack spacing={2} data-testid="home">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
        <Typography variant="h5" component="h1">{t('deadlines.home.title')}</Typography>
        <Typography color="text.secondary" data-testid="home-today">{t('deadlines.home.today', { date: today, weekday: weekday(today) })}</Typography>
        <Box sx={{ flex: 1 }} />
        {loadedAt && <Typography variant="caption" color="text.secondary">{t('deadlines.home.refreshed', { time: loadedAt.toTimeString().slice(0, 5) })}</Typography>}
        <Button size="small" onClick={() => void load(today)} data-testid="home-refresh">{t('deadlines.home.refresh')}</Button>
      </Stack>
      {loading && !data && <LinearProgress />}
      {error && <Alert severity="error" action={<Button onClick={() => void load(today)}>{t('common.actions.retry')}</Button>}>{error}</Alert>}
      {data && data.missingYears.length > 0 && (
        <Alert severity="warning" data-testid="home-missing-years" action={<Button color="inherit" onClick={() => navigate({ name: 'settings' })}>{t('deadlines.home.openSettings')}</Button>}>
          {t('deadlines.home.missingYears', { years: data.missingYears.join('、') })}
        </Alert>
      )}
      {data && total === 0 && (
        <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }} data-testid="home-empty">
          <Typography color="text.secondary" sx={{ mb: 2 }}>{t('deadlines.home.empty')}</Typography>
          <Button variant="contained" onClick={() => navigate({ name: 'import' })}>{t('deadlines.home.importCta')}</Button>
        </Paper>
      )}
      {data && total !== 0 && (
        <>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, lg: 8 }}><DeadlineSections data={data} /></Grid>
            <Grid size={{ xs: 12, lg: 4 }}>
              <Stack spacing={2}>
                <InspectionsSlot data={data.inspections} />
                <RenewalsSection data={data.renewals} />
                <AnnualSection data={data.annual} />
                <NoNoteSection data={data.noNote} />
              </Stack>
            </Grid>
          </Grid>
          <CountBars data={data} />
        </>
      )}
    </Stack>
  );
}
