/**
 * 完整导出 (all tables to .xlsx or .json, saved through the host's save dialog / download) and 从 JSON 导入 into an
 * empty database (confirmation first; the service refuses a database that has data).
 */
import { useState } from 'react';
import { Alert, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useBackupStore } from '../../stores/backup-store';
import { FilePickButton } from './BackupsCard';

export function ExportCard() {
  const { t } = useTranslation();
  const op = useBackupStore((s) => s.op);
  const exportData = useBackupStore((s) => s.exportData);
  const importJson = useBackupStore((s) => s.importJson);
  const [picked, setPicked] = useState<File | null>(null);
  const spinner = (o: typeof op) => (op === o ? <CircularProgress size={16} color="inherit" /> : undefined);
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>{t('backup.export.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('backup.export.help')}</Typography>
      <Alert severity="warning" sx={{ mb: 1.5 }} data-testid="export-personal-warning">{t('backup.export.personal')}</Alert>
      <Stack direction="row" spacing={1}>
        <Button variant="outlined" disabled={!!op} onClick={() => void exportData('xlsx')} startIcon={spinner('exportXlsx')} data-testid="export-xlsx">
          {op === 'exportXlsx' ? t('backup.export.running') : t('backup.export.xlsx')}
        </Button>
        <Button variant="outlined" disabled={!!op} onClick={() => void exportData('json')} startIcon={spinner('exportJson')} data-testid="export-json">
          {op === 'exportJson' ? t('backup.export.running') : t('backup.export.json')}
        </Button>
      </Stack>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mt: 3, mb: 1 }}>{t('backup.importJson.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>{t('backup.importJson.help')}</Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <FilePickButton label={t('backup.importJson.button')} accept=".json,application/json" disabled={!!op} testId="import-json-input" onFile={setPicked} />
        {op === 'importJson' && <><CircularProgress size={16} /><Typography variant="body2">{t('backup.importJson.running')}</Typography></>}
      </Stack>
      <ConfirmDialog
        open={!!picked}
        title={t('backup.importJson.confirmTitle')}
        body={t('backup.importJson.confirmBody', { fileName: picked?.name ?? '' })}
        confirmLabel={t('backup.importJson.confirm')}
        onClose={() => setPicked(null)}
        onConfirm={() => {
          const f = picked;
          setPicked(null);
          if (f) void importJson(f);
        }}
      />
    </Paper>
  );
}
