/**
 * The 数据与备份 section of 设置 ('#/settings') — where the data lives (with a network / sync-folder warning), the
 * backups (立即备份, 恢复 with preview and confirmation, restore from a file), the full export (xlsx / JSON) and
 * importing a JSON export into an empty database, and compacting the file when it is worth it. State lives in stores/backup-store.ts.
 */
import { useEffect, useState } from 'react';
import { Alert, AlertTitle, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { RestoreResult } from '../../../../shared/contracts/backup';
import { RestoreDialog } from '../../components/RestoreDialog';
import { takeFlash, useBackupStore } from '../../stores/backup-store';
import { BackupsCard } from './BackupsCard';
import { DataFolderCard } from './DataFolderCard';
import { CompactCard } from './CompactCard';
import { ExportCard } from './ExportCard';

export function DataBackupSection() {
  const { t } = useTranslation();
  const status = useBackupStore((s) => s.status);
  const notice = useBackupStore((s) => s.notice);
  const load = useBackupStore((s) => s.load);
  const clearNotice = useBackupStore((s) => s.clearNotice);
  const [restored] = useState<RestoreResult | null>(() => takeFlash());
  useEffect(() => { void load(); }, [load]);

  return (
    <Stack spacing={2} data-testid="settings-page">
      <Typography variant="h6" component="h2">{t('backup.section')}</Typography>
      {restored && (
        <Alert severity="success" data-testid="restored-notice">
          <AlertTitle>{t('backup.restored.title')}</AlertTitle>
          {t('backup.restored.body', { source: restored.restored.source, clients: restored.restored.clients, count: restored.restored.clients })}
          {restored.preRestore && <> {t('backup.restored.pre', { name: restored.preRestore.name })}</>}
        </Alert>
      )}
      {notice && (
        <Alert severity={notice.severity} onClose={clearNotice} data-testid="backup-notice">
          {notice.key ? t(`backup.${notice.key}`, notice.params ?? {}) : notice.message}
        </Alert>
      )}
      {!status ? (
        <LinearProgress />
      ) : (
        <>
          <DataFolderCard status={status} />
          <BackupsCard />
          <ExportCard />
          {status.state === 'ok' && <CompactCard />}
        </>
      )}
      <RestoreDialog replacing />
    </Stack>
  );
}
