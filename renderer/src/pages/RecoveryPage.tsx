/**
 * The recovery screen, shown instead of the app when the host started in state 'recovery' (the database failed its
 * start-up check and was renamed aside). Says what happened and where the damaged file went, offers the newest good
 * backup (with what would be lost: changes after it), every other backup, restoring from a file, or starting with an
 * empty database. Restoring goes through the same preview dialog as the settings page.
 */
import { useEffect, useState } from 'react';
import { Alert, AlertTitle, Box, Button, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { RestoreDialog } from '../components/RestoreDialog';
import { useBackupStore } from '../stores/backup-store';
import { formatInstant } from '../format';
import { BackupsTable, FilePickButton } from './settings/BackupsCard';

export function RecoveryPage() {
  const { t } = useTranslation();
  const { status, backups, op, notice, load, previewBackup, previewFile, startEmpty } = useBackupStore();
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  useEffect(() => { void load(); }, [load]);
  const rec = status?.recovery ?? null;
  const newest = rec?.newestGood ?? null;

  return (
    <Box sx={{ maxWidth: 900, mx: 'auto', p: 3 }} data-testid="recovery-page">
      <Typography variant="h5" sx={{ mb: 2 }}>{t('backup.recovery.title')}</Typography>
      {!status && <LinearProgress />}
      {rec && (
        <Stack spacing={2}>
          <Alert severity="error">
            <AlertTitle>{t('backup.recovery.whatHappened')}</AlertTitle>
            {t('backup.recovery.body')}
            <Box component="dl" sx={{ m: 0, mt: 1, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}>
              <dt>{t('backup.recovery.file')}</dt>
              <Box component="dd" sx={{ m: 0, fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="corrupt-file">{rec.corruptFile ?? '—'}</Box>
              <dt>{t('backup.recovery.detected')}</dt>
              <dd style={{ margin: 0 }}>{formatInstant(rec.detectedAt)}</dd>
              <dt>{t('backup.recovery.reason')}</dt>
              <Box component="dd" sx={{ m: 0, fontSize: 12 }}>{rec.reason}</Box>
            </Box>
          </Alert>
          {notice?.severity === 'error' && <Alert severity="error">{notice.message}</Alert>}
          {newest ? (
            <Paper variant="outlined" sx={{ p: 2 }} data-testid="newest-backup">
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('backup.recovery.newest')}</Typography>
              <Typography sx={{ my: 1 }}>{t('backup.recovery.newestBody', { time: formatInstant(newest.createdAt), clients: newest.clients ?? 0, count: newest.clients ?? 0 })}</Typography>
              <Alert severity="warning" sx={{ mb: 1.5 }} data-testid="recovery-lost">{t('backup.recovery.lost', { time: formatInstant(newest.createdAt) })}</Alert>
              <Button variant="contained" disabled={!!op} onClick={() => void previewBackup(newest.name)} data-testid="restore-newest" autoFocus>
                {t('backup.recovery.restoreNewest')}
              </Button>
            </Paper>
          ) : (
            <Alert severity="warning" data-testid="no-backup">{t('backup.recovery.noBackup')}</Alert>
          )}
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>{t('backup.recovery.others')}</Typography>
            <BackupsTable backups={backups} disabled={!!op} />
            <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
              <FilePickButton label={t('backup.backups.fromFile')} title={t('backup.backups.fromFileHint')} accept=".sqlite,.db,.bak,application/x-sqlite3" disabled={!!op} testId="restore-file-input" onFile={(f) => void previewFile(f)} />
              <Button color="error" disabled={!!op} onClick={() => setConfirmEmpty(true)} data-testid="start-empty">{t('backup.recovery.startEmpty')}</Button>
            </Stack>
          </Paper>
        </Stack>
      )}
      <RestoreDialog replacing={false} />
      <ConfirmDialog
        open={confirmEmpty}
        title={t('backup.recovery.startEmptyTitle')}
        body={t('backup.recovery.startEmptyBody')}
        confirmLabel={t('backup.recovery.startEmpty')}
        onClose={() => setConfirmEmpty(false)}
        onConfirm={() => { setConfirmEmpty(false); void startEmpty(); }}
      />
    </Box>
  );
}
