/**
 * Deleting a client: says truthfully where copies of its data remain (the backups and damaged copies in the data
 * folder, files the user exported), offers 同时从所有备份中清除 (clients.remove with purgeBackups), and after a purge
 * reports how many copies were checked and cleaned and which could not be.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';

type Purge = { checked: number; cleaned: number; failed: string[] };

export function DeleteClientDialog(props: { open: boolean; clientId: number; name: string; materials: number; notes: number; onClose: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [backups, setBackups] = useState<number | null>(null);
  const [purge, setPurge] = useState(false);
  const [phase, setPhase] = useState<'confirm' | 'working' | 'done'>('confirm');
  const [result, setResult] = useState<Purge | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!props.open) return;
    setPhase('confirm');
    setPurge(false);
    setResult(null);
    setError(null);
    call('backup.list', {}).then((l) => setBackups(l.length), () => setBackups(null));
  }, [props.open]);

  const confirm = () => {
    setPhase('working');
    call('clients.remove', { id: props.clientId, purgeBackups: purge }).then(
      (r) => {
        if (r.purge) {
          setResult(r.purge);
          setPhase('done');
        } else props.onDeleted();
      },
      (e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        setPhase('confirm');
      },
    );
  };

  const close = () => {
    if (phase === 'working') return;
    if (phase === 'done') props.onDeleted();
    else props.onClose();
  };

  return (
    <Dialog open={props.open} onClose={close} maxWidth="sm" fullWidth data-testid="confirm-dialog">
      <DialogTitle>{t('client.deleteTitle', { name: props.name })}</DialogTitle>
      <DialogContent>
        {phase !== 'done' && (
          <Stack spacing={1.5}>
            <DialogContentText>{t('client.deleteBody', { materials: props.materials, notes: props.notes })}</DialogContentText>
            <DialogContentText data-testid="delete-copies">
              {t('client.deleteCopies.copies', { count: backups ?? 0 })} {t('client.deleteCopies.exports')}
            </DialogContentText>
            <FormControlLabel
              control={<Checkbox checked={purge} onChange={(e) => setPurge(e.target.checked)} disabled={phase === 'working'} slotProps={{ input: { 'aria-describedby': 'purge-hint' } }} data-testid="delete-purge" />}
              label={t('client.deleteCopies.purge')}
            />
            <Typography id="purge-hint" variant="body2" color="text.secondary">{t('client.deleteCopies.purgeHint')}</Typography>
            {phase === 'working' && (<><LinearProgress /><Typography variant="body2">{t('client.deleteCopies.working')}</Typography></>)}
            {error && <Alert severity="error">{error}</Alert>}
          </Stack>
        )}
        {phase === 'done' && result && (
          <Stack spacing={1.5} data-testid="delete-result">
            <Alert severity={result.failed.length ? 'warning' : 'success'}>{t('client.deleteCopies.done', { count: result.checked, cleaned: result.cleaned })}</Alert>
            {result.failed.length > 0 && <Alert severity="warning">{t('client.deleteCopies.failed', { count: result.failed.length, names: result.failed.join('、') })}</Alert>}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {phase !== 'done' && <Button onClick={close} disabled={phase === 'working'}>{t('common.actions.cancel')}</Button>}
        {phase !== 'done' && (
          <Button color="error" variant="contained" autoFocus onClick={confirm} disabled={phase === 'working'} data-testid="confirm-ok">{t('common.actions.delete')}</Button>
        )}
        {phase === 'done' && <Button variant="contained" autoFocus onClick={close} data-testid="delete-done">{t('client.deleteCopies.close')}</Button>}
      </DialogActions>
    </Dialog>
  );
}
