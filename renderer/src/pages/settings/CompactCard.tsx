/**
 * 压缩数据库文件 (issue 16): shown in 设置 → 数据与备份 only when the file holds enough free space to be worth it (e.g.
 * after the upgrade that moved note text out of the change log). Asks first, then runs VACUUM (all or nothing) with
 * a progress indicator; never runs on its own.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CompactInfo } from '../../../../shared/contracts/backup';
import { ApiError, call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatBytes } from '../../stores/import-store';

export function CompactCard() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<CompactInfo | null>(null);
  const [asking, setAsking] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<{ before: number; after: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('data.compactInfo', {}).then(setInfo, () => setInfo(null));
  }, []);
  if (!result && !info?.offer) return null;
  const compact = async () => {
    setRunning(true);
    setError(null);
    try {
      const before = info!.fileBytes;
      const after = await call('data.compact', {});
      setInfo(after);
      setResult({ before, after: after.fileBytes });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="compact-card">
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>{t('backup.compact.title')}</Typography>
      {result ? (
        <Alert severity="success" data-testid="compact-done">{t('backup.compact.done', { before: formatBytes(result.before), after: formatBytes(result.after) })}</Alert>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {t('backup.compact.help', { free: formatBytes(info!.freeBytes), size: formatBytes(info!.fileBytes) })}
          </Typography>
          {error && <Alert severity="error" sx={{ mb: 1.5 }}>{error}</Alert>}
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Button variant="outlined" disabled={running} onClick={() => setAsking(true)} data-testid="compact-start"
              startIcon={running ? <CircularProgress size={16} color="inherit" /> : undefined}>
              {running ? t('backup.compact.running') : t('backup.compact.button')}
            </Button>
          </Stack>
        </>
      )}
      <ConfirmDialog
        open={asking}
        title={t('backup.compact.confirmTitle')}
        body={t('backup.compact.confirmBody')}
        confirmLabel={t('backup.compact.confirm')}
        onClose={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void compact();
        }}
      />
    </Paper>
  );
}
