/**
 * Reminder above the client register: site inspections today and tomorrow (no outcome yet) with their readiness.
 * Tomorrow's below 100% are highlighted — the prep sheet is printed the day before (spec §5) — and so are today's.
 * "Today" is the host clock's China date (app-store). A row opens the client on its inspections tab; one button per
 * day prints all of that day's prep sheets. Renders nothing when there is no upcoming inspection.
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { addCalendarDays } from '../../../shared/domain/calendar';
import { printErrorText, printRoute } from '../host';
import { navigate } from '../route';
import { useAppStore } from '../stores/app-store';
import { useInspectionsStore } from '../stores/inspections-store';
import { ReadinessBar } from './ReadinessBar';
import { onEnter } from './keys';

export function InspectionBanner() {
  const { t } = useTranslation();
  const today = useAppStore((s) => s.today);
  const tomorrow = addCalendarDays(today, 1);
  const { upcoming, loadUpcoming, requestTab } = useInspectionsStore();
  const [printError, setPrintError] = useState<string | null>(null);
  useEffect(() => { void loadUpcoming(today, tomorrow); }, [today, tomorrow, loadUpcoming]);
  if (!upcoming.length) return null;
  const days = [{ date: today, label: t('inspection.banner.today') }, { date: tomorrow, label: t('inspection.banner.tomorrow') }];
  return (
    <Paper variant="outlined" sx={{ p: 1, borderColor: 'warning.light' }} data-testid="insp-banner">
      <Typography variant="subtitle2" sx={{ px: 0.5, mb: 0.5 }}>{t('inspection.banner.title')}</Typography>
      {days.map((d) => {
        const rows = upcoming.filter((u) => u.date === d.date);
        if (!rows.length) return null;
        return (
          <Box key={d.date}>
            {rows.map((u) => {
              const behind = u.readiness.percent < 100;
              return (
                <Stack
                  key={u.id} direction="row" spacing={1.5} role="button" tabIndex={0}
                  onClick={() => { requestTab(u.clientId); navigate({ name: 'client', id: u.clientId }); }}
                  onKeyDown={onEnter(() => { requestTab(u.clientId); navigate({ name: 'client', id: u.clientId }); })}
                  data-testid={`insp-banner-${u.id}`} data-highlight={behind ? 'true' : 'false'}
                  sx={{
                    alignItems: 'center', px: 0.75, py: 0.25, borderRadius: 1, cursor: 'pointer', fontSize: 14,
                    bgcolor: behind ? '#fff4e5' : undefined, borderLeft: 4, borderColor: behind ? 'warning.main' : 'success.main',
                    '&:hover, &:focus': { bgcolor: 'action.hover', outline: 'none' },
                  }}
                >
                  <Box sx={{ width: 48, fontWeight: 600 }}>{d.label}</Box>
                  <Box sx={{ width: 48 }}>{u.time ?? '—'}</Box>
                  <Box sx={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{u.clientName}</Box>
                  <ReadinessBar readiness={u.readiness} width={100} />
                  <Box sx={{ width: 96, color: behind ? 'warning.dark' : 'success.main', fontWeight: behind ? 600 : undefined }}>
                    {behind ? t('inspection.banner.notReady') : t('inspection.banner.ready')}
                  </Box>
                </Stack>
              );
            })}
            <Button size="small" sx={{ ml: 0.5 }} data-testid={`insp-banner-print-${d.date}`}
              onClick={() => void printRoute(`#/print/inspection?date=${d.date}`, { pdf: false, fileName: `现场核查准备单-${d.date}.pdf` }).catch((e: unknown) => setPrintError(printErrorText(e, t)))}>
              {t('inspection.banner.printDay', { label: d.label, n: rows.length })}
            </Button>
          </Box>
        );
      })}
      {printError && <Alert severity="error" onClose={() => setPrintError(null)} sx={{ mt: 0.5 }}>{printError}</Alert>}
    </Paper>
  );
}
