/**
 * The client's "办理期限" tab: its scheduled site inspections (date, time, address, attendees), its open deadlines (rule, start, due, time left, missing-calendar warnings) and the
 * process dates that start them — recorded here, or taken from the date of the stage move when left empty.
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Grid, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { PROCESS_DATE_FIELDS, type ProcessDates } from '../../../../shared/domain/deadlines';
import { DeadlineLine } from '../../components/DeadlineLine';
import { useAppStore } from '../../stores/app-store';
import { useClientStore } from '../../stores/client-store';
import { useClientDeadlinesStore } from '../../stores/client-deadlines-store';
import { useSubmit } from '../../components/use-submit';
import { useCommand } from '../../desktop/keymap';
import { DateField } from '../../components/pickers/DateField';
import { attendeeLabel, listSep } from '../../i18n/domain';

export function DeadlinesPanel({ clientId }: { clientId: number }) {
  const { t } = useTranslation();
  const { process, deadlines, error, load, saveProcess } = useClientDeadlinesStore();
  const today = useAppStore((s) => s.today);
  const stageSince = useClientStore((s) => s.client?.stageSince);
  const [dates, setDates] = useState<ProcessDates | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => { void load(clientId, 'deadlines'); }, [clientId, today, stageSince, load]);
  useEffect(() => { if (process) setDates(process.recorded); }, [process]);

  const dirty = !!dates && !!process && PROCESS_DATE_FIELDS.some((f) => (dates[f] ?? null) !== process.recorded[f]);
  const { run: save, pending } = useSubmit(async () => {
    if (!dates) return;
    await saveProcess(dates);
    setSaved(true);
  });
  useCommand('save', dirty && !pending ? () => void save() : null); // Ctrl/Cmd+S, like 保存
  return (
    <Stack spacing={2} data-testid="deadlines-panel">
      {error && <Alert severity="error">{error}</Alert>}
      <Box>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 0.5 }}>{t('deadlines.client.title')}</Typography>
        {deadlines && !deadlines.deadlines.length && !deadlines.appointments.length && <Typography color="text.secondary" data-testid="deadlines-empty">{t('deadlines.client.empty')}</Typography>}
        {!!deadlines?.appointments.length && (
          <Paper variant="outlined" sx={{ p: 1.5, mb: 1 }} data-testid="client-appointments">
            {deadlines.appointments.map((a) => (
              <Typography key={a.inspectionId} variant="body2" data-testid={`client-appointment-${a.inspectionId}`}>
                <strong>{a.date}{a.time ? ` ${a.time}` : ''} {t('deadlines.client.inspection')}</strong>
                {' · '}{a.address ?? <Box component="span" sx={{ color: 'error.main' }}>{t('deadlines.client.noAddress')}</Box>}
                {' · '}{a.attendees.length ? a.attendees.map(attendeeLabel).join(listSep()) : <Box component="span" sx={{ color: 'error.main' }}>{t('deadlines.client.noAttendees')}</Box>}
              </Typography>
            ))}
          </Paper>
        )}
        <Paper variant="outlined" sx={{ display: deadlines?.deadlines.length ? 'block' : 'none' }} data-testid="client-deadlines">
          {deadlines?.deadlines.map((d) => <DeadlineLine key={`${d.rule}-${d.subjectKey ?? ''}`} d={d} testId={`client-deadline-${d.rule}`} />)}
        </Paper>
      </Box>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('deadlines.process.title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('deadlines.process.hint')}</Typography>
        {dates && process && (
          <Grid container spacing={2}>
            {PROCESS_DATE_FIELDS.map((f) => (
              <Grid key={f} size={{ xs: 12, sm: 6, md: 3 }}>
                <DateField
                  size="small" fullWidth label={t(`deadlines.process.field.${f}`)} value={dates[f]}
                  onChange={(v) => { setSaved(false); setDates((prev) => (prev ? { ...prev, [f]: v || null } : prev)); }}
                  helperText={!dates[f] && process.fromStages[f] ? t('deadlines.process.fromStage', { date: process.fromStages[f] }) : ' '}
                  testId={`process-${f}`}
                />
              </Grid>
            ))}
          </Grid>
        )}
        <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center' }}>
          <Button variant="contained" disabled={!dirty || pending} onClick={() => void save()} data-testid="process-save">{t('deadlines.process.save')}</Button>
          {saved && !dirty && <Typography variant="body2" color="success.main">{t('deadlines.process.saved')}</Typography>}
        </Stack>
      </Paper>
    </Stack>
  );
}
