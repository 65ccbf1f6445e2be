/**
 * The restore confirmation: what the chosen backup or file holds (clients, notes, materials, recorded changes, last
 * change, backup time, size; whether it will be upgraded), what happens to the current data, then 恢复 / 取消.
 * Reads and drives the restore in stores/backup-store.ts; `replacing` is false on the recovery screen (nothing open).
 */
import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../stores/import-store';
import { useBackupStore } from '../stores/backup-store';
import { formatInstant } from '../format';

export function RestoreDialog(props: { replacing: boolean }) {
  const { t } = useTranslation();
  const pending = useBackupStore((s) => s.pending);
  const op = useBackupStore((s) => s.op);
  const cancel = useBackupStore((s) => s.cancelRestore);
  const confirm = useBackupStore((s) => s.confirmRestore);
  const p = pending?.preview ?? null;
  const restoring = op === 'restore';
  const rows: Array<[string, string | number]> = p
    ? [
        [t('backup.preview.source'), p.source],
        ...(p.createdAt ? [[t('backup.preview.createdAt'), formatInstant(p.createdAt)] as [string, string]] : []),
        [t('backup.preview.clients'), p.clients],
        [t('backup.preview.notes'), p.notes],
        [t('backup.preview.materials'), p.materials],
        [t('backup.preview.events'), p.events],
        [t('backup.preview.lastChange'), p.lastChange ? formatInstant(p.lastChange) : t('backup.preview.none')],
        [t('backup.preview.size'), formatBytes(p.size)],
      ]
    : [];
  return (
    <Dialog open={!!pending} onClose={cancel} maxWidth="sm" fullWidth data-testid="restore-dialog">
      <DialogTitle>{t('backup.preview.title')}</DialogTitle>
      <DialogContent>
        {!p && !pending?.error && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', py: 2 }}>
            <CircularProgress size={20} />
            <Typography>{t('backup.preview.loading')}</Typography>
          </Stack>
        )}
        {p && (
          <Table size="small" data-testid="restore-preview">
            <TableBody>
              {rows.map(([k, v]) => (
                <TableRow key={k}>
                  <TableCell component="th" sx={{ width: 140, color: 'text.secondary' }}>{k}</TableCell>
                  <TableCell>{v}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Stack spacing={1} sx={{ mt: 2 }}>
          {p?.needsUpgrade && <Alert severity="info">{t('backup.preview.upgrade', { v: p.schemaVersion })}</Alert>}
          {p && props.replacing && <Alert severity="warning">{t('backup.preview.replace')}</Alert>}
          {p?.lastChange && <Typography variant="body2" color="text.secondary">{t('backup.preview.lost', { time: formatInstant(p.lastChange) })}</Typography>}
          {pending?.error && <Alert severity="error" data-testid="restore-error">{pending.error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={cancel} disabled={restoring}>{t('common.actions.cancel')}</Button>
        <Button
          variant="contained"
          color="warning"
          disabled={!p || restoring}
          onClick={() => void confirm()}
          startIcon={restoring ? <CircularProgress size={16} color="inherit" /> : undefined}
          data-testid="restore-confirm"
        >
          {restoring ? t('backup.preview.restoring') : t('backup.preview.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
