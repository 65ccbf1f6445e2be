/**
 * Enter or correct one year's holiday arrangement: the notice's title and two text areas (days off; adjusted working
 * days) in the line format of shared/domain/holiday-text.ts, parsed as the user types with line-numbered problems.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { HolidayYearInfo } from '../../../../shared/contracts/deadlines';
import { formatHolidayText, parseHolidayText } from '../../../../shared/domain/holiday-text';
import { ApiError } from '../../api';
import { useSettingsStore } from '../../stores/settings-store';
import { useSubmit } from '../../components/use-submit';
import { changedFrom, useDiscardGuard } from '../../components/use-discard-guard';
import { useCommand } from '../../desktop/keymap';

export function HolidayYearDialog({ open, year, initial, onClose }: { open: boolean; year: number; initial: HolidayYearInfo | null; onClose: () => void }) {
  const { t } = useTranslation();
  const saveYear = useSettingsStore((s) => s.saveYear);
  const [y, setY] = useState(year);
  const [source, setSource] = useState('');
  const [holidays, setHolidays] = useState('');
  const [workdays, setWorkdays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [start, setStart] = useState({ y: year, source: '', holidays: '', workdays: '' });
  useEffect(() => {
    if (!open) return;
    const opened = { y: year, source: initial?.source ?? '', holidays: initial ? formatHolidayText(initial.holidays) : '', workdays: initial ? formatHolidayText(initial.workdays) : '' };
    setStart(opened);
    setY(opened.y);
    setSource(opened.source);
    setHolidays(opened.holidays);
    setWorkdays(opened.workdays);
    setError(null);
  }, [open, year, initial]);
  const h = useMemo(() => parseHolidayText(holidays), [holidays]);
  const w = useMemo(() => parseHolidayText(workdays), [workdays]);
  const issues = [...h.issues.map((i) => `${t('deadlines.settings.holidays').split('（')[0]}：${i.message}`), ...w.issues.map((i) => `${t('deadlines.settings.workdays').split('（')[0]}：${i.message}`)];
  const { run: save, pending } = useSubmit(async () => {
    try {
      await saveYear({ year: y, source: source.trim(), holidays: h.days, workdays: w.days });
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  });
  const { requestClose, confirm } = useDiscardGuard(changedFrom(start, { y, source, holidays, workdays }), onClose);
  useCommand('save', open && !pending && !issues.length && h.days.length && source.trim() ? () => void save() : null); // Ctrl/Cmd+S, like 保存
  return (
    <Dialog open={open} onClose={requestClose} maxWidth="md" fullWidth data-testid="holiday-dialog">
      <DialogTitle>{t('deadlines.settings.dialogTitle', { year: y })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Stack direction="row" spacing={2}>
            <TextField label={t('deadlines.settings.year')} type="number" value={y} disabled={!!initial} onChange={(e) => setY(Number(e.target.value))} sx={{ width: 120 }} slotProps={{ htmlInput: { 'data-testid': 'holiday-year', min: 2000, max: 2100 } }} />
            <TextField label={t('deadlines.settings.source')} placeholder={t('deadlines.settings.sourcePlaceholder')} value={source} onChange={(e) => setSource(e.target.value)} fullWidth slotProps={{ htmlInput: { 'data-testid': 'holiday-source', maxLength: 200 } }} />
          </Stack>
          <TextField label={t('deadlines.settings.holidays')} placeholder={t('deadlines.settings.holidaysPlaceholder')} value={holidays} onChange={(e) => setHolidays(e.target.value)} multiline minRows={7} slotProps={{ htmlInput: { 'data-testid': 'holiday-holidays', style: { fontFamily: 'monospace' } } }} />
          <TextField label={t('deadlines.settings.workdays')} placeholder={t('deadlines.settings.workdaysPlaceholder')} value={workdays} onChange={(e) => setWorkdays(e.target.value)} multiline minRows={3} slotProps={{ htmlInput: { 'data-testid': 'holiday-workdays', style: { fontFamily: 'monospace' } } }} />
          <Typography variant="body2" color="text.secondary" data-testid="holiday-parsed">{t('deadlines.settings.parsed', { h: h.days.length, w: w.days.length })}</Typography>
          {issues.length > 0 && <Alert severity="warning" data-testid="holiday-issues">{issues.map((m) => <div key={m}>{m}</div>)}</Alert>}
          {error && <Alert severity="error" data-testid="holiday-error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={requestClose} data-testid="holiday-cancel">{t('common.actions.cancel')}</Button>
        <Button variant="contained" disabled={pending || issues.length > 0 || !h.days.length || !source.trim()} onClick={() => void save()} data-testid="holiday-save">{t('deadlines.settings.save')}</Button>
      </DialogActions>
      {confirm}
    </Dialog>
  );
}
