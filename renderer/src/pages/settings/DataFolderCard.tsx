/** Where the data lives (data folder, database file, backups folder) and a warning for network / cloud-sync folders. */
import { Alert, AlertTitle, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { DataStatus } from '../../../../shared/contracts/backup';

function Path(props: { label: string; value: string; testId: string }) {
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
      <Typography variant="body2" color="text.secondary" sx={{ width: 96, flexShrink: 0 }}>{props.label}</Typography>
      <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', userSelect: 'all' }} data-testid={props.testId}>{props.value}</Typography>
    </Stack>
  );
}

export function DataFolderCard(props: { status: DataStatus }) {
  const { t } = useTranslation();
  const { status } = props;
  const w = status.folderWarning;
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>{t('backup.folder.title')}</Typography>
      <Stack spacing={0.5}>
        <Path label={t('backup.folder.dataDir')} value={status.dataDir} testId="data-dir" />
        <Path label={t('backup.folder.dbPath')} value={status.dbPath} testId="db-path" />
        <Path label={t('backup.folder.backupsDir')} value={status.backupsDir} testId="backups-dir" />
      </Stack>
      {w?.kind === 'network' && (
        <Alert severity="warning" sx={{ mt: 1.5 }} data-testid="folder-warning">
          <AlertTitle>{t('backup.folder.networkTitle')}</AlertTitle>
          {t(`backup.folder.network.${w.reason ?? 'unc'}`, { detail: w.detail })} {t('backup.folder.networkAdvice')}
        </Alert>
      )}
      {w?.kind === 'cloud' && (
        <Alert severity="warning" sx={{ mt: 1.5 }} data-testid="folder-warning">
          <AlertTitle>{t('backup.folder.cloudTitle')}</AlertTitle>
          {t('backup.folder.cloud', { detail: w.detail })} {t('backup.folder.cloudAdvice')}
        </Alert>
      )}
      {!w && <Typography variant="body2" color="success.main" sx={{ mt: 1 }}>{t('backup.folder.ok')}</Typography>}
    </Paper>
  );
}
