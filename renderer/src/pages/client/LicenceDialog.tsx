/** Enter or edit the client's licence: number (晋B2-YYYYNNNN[-N], checked as typed), issue date, expiry, scope, renewal applied. */
import { useEffect, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Licence } from '../../../../shared/contracts/aftercare';
import { defaultExpiry, parseLicenceNumber } from '../../../../shared/domain/licence';
import { isIsoDate } from '../../../../shared/domain/calendar';
import { ApiError } from '../../api';
import { messageText } from '../../i18n/message';
import { useClientDeadlinesStore } from '../../stores/client-deadlines-store';
import { useSubmit } from '../../components/use-submit';
import { DateField } from '../../components/pickers/DateField';
import { changedFrom, useDiscardGuard } from '../../components/use-discard-guard';
import { useCommand } from '../../desktop/keymap';

export function LicenceDialog({ open, initial, onClose }: { open: boolean; initial: Licence | null; onClose: () => void }) {
  const { t } = useTranslation();
  const saveLicence = useClientDeadlinesStore((s) => s.saveLicence);
  const [f, setF] = useState({ number: '', issuedOn: '', expiresOn: '', scope: '', renewalAppliedOn: '' });
  const [start, setStart] = useState(f);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    const opened = { number: initial?.number ?? '', issuedOn: initial?.issuedOn ?? '', expiresOn: initial?.expiresOn ?? '', scope: initial?.scope ?? '', renewalAppliedOn: initial?.renewalAppliedOn ?? '' };
    setF(opened);
    setStart(opened);
    setFieldErrors({});
    setError(null);
  }, [open, initial]);
  const num = f.number.trim() ? parseLicenceNumber(f.number) : null;
  const numberError = fieldErrors.number ?? (num && !num.ok ? messageText(num.msg, num.message) : null);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setValue(k, e.target.value);
  const setValue = (k: keyof typeof f, v: string) => { setF((prev) => ({ ...prev, [k]: v })); setFieldErrors({}); };
  const { run: save, pending } = useSubmit(async () => {
    try {
      await saveLicence({ number: f.number, issuedOn: f.issuedOn, expiresOn: f.expiresOn || null, scope: f.scope || null, renewalAppliedOn: f.renewalAppliedOn || null });
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        setFieldErrors(Object.fromEntries(e.fields.map((x) => [x.path, x.message])));
        setError(e.fields.length ? null : e.message);
      } else setError(String(e));
    }
  });
  const { requestClose, confirm } = useDiscardGuard(changedFrom(start, f), onClose);
  const canSave = !pending && !!f.number.trim() && isIsoDate(f.issuedOn) && !(num && !num.ok);
  useCommand('save', open && canSave ? () => void save() : null); // Ctrl/Cmd+S, like 保存
  return (
    <Dialog open={open} onClose={requestClose} maxWidth="sm" fullWidth data-testid="licence-dialog">
      <DialogTitle>{t('aftercare.licence.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField label={t('aftercare.licence.number')} value={f.number} onChange={set('number')} required error={!!numberError} helperText={numberError ?? t('aftercare.licence.numberHelp')} slotProps={{ htmlInput: { 'data-testid': 'licence-number', maxLength: 40 } }} />
          <Stack direction="row" spacing={2}>
            <DateField label={t('aftercare.licence.issuedOn')} value={f.issuedOn} onChange={(v) => setValue('issuedOn', v)} required fullWidth error={!!fieldErrors.issuedOn} helperText={fieldErrors.issuedOn ?? ' '} testId="licence-issued" />
            <DateField label={t('aftercare.licence.expiresOn')} value={f.expiresOn} onChange={(v) => setValue('expiresOn', v)} fullWidth error={!!fieldErrors.expiresOn}
              helperText={fieldErrors.expiresOn ?? (!f.expiresOn && isIsoDate(f.issuedOn) ? `${t('aftercare.licence.expiresHelp')}：${defaultExpiry(f.issuedOn)}` : t('aftercare.licence.expiresHelp'))}
              testId="licence-expires" />
          </Stack>
          <TextField label={t('aftercare.licence.scope')} value={f.scope} onChange={set('scope')} multiline minRows={2} slotProps={{ htmlInput: { 'data-testid': 'licence-scope', maxLength: 2000 } }} />
          <DateField label={t('aftercare.licence.renewalAppliedOn')} value={f.renewalAppliedOn} onChange={(v) => setValue('renewalAppliedOn', v)} helperText={t('aftercare.licence.renewalAppliedHelp')} testId="licence-renewal-applied" />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={requestClose} data-testid="licence-cancel">{t('common.actions.cancel')}</Button>
        <Button variant="contained" disabled={!canSave} onClick={() => void save()} data-testid="licence-save">{t('aftercare.licence.save')}</Button>
      </DialogActions>
      {confirm}
    </Dialog>
  );
}
