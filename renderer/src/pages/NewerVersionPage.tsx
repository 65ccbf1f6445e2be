/**
 * Shown instead of the app when the data folder's database was written by a newer version (state 'newer'): the file
 * was neither opened nor changed; the user is told to upgrade. Nothing else works in this state.
 */
import { useEffect } from 'react';
import { Alert, Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useBackupStore } from '../stores/backup-store';

export function NewerVersionPage() {
  const { t } = useTranslation();
  const status = useBackupStore((s) => s.status);
  const load = useBackupStore((s) => s.load);
  useEffect(() => { void load(); }, [load]);
  return (
    <Box sx={{ maxWidth: 800, mx: 'auto', p: 3 }} data-testid="newer-page">
      <Typography variant="h5" sx={{ mb: 2 }}>{t('backup.newer.title')}</Typography>
      <Alert severity="warning">
        {status?.newer ? t('backup.newer.body', status.newer) : null} {t('backup.newer.advice')}
      </Alert>
      {status && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2, fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {t('backup.folder.dataDir')}: {status.dataDir}
        </Typography>
      )}
    </Box>
  );
}
