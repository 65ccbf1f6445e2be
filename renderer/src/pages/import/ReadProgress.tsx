/**
 * Progress of a running import job — 读取 (share of the file parsed, rows found), 检查 (rows checked against the register),
 * 写入 (rows being saved) — with a 取消 button until the write starts (nothing is written before it).
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useImportStore } from '../../stores/import-store';

/** The bar (indeterminate until the first progress report); `testId` names the bar for tests. */
export function ReadProgress(props: { testId: string }) {
  const { t } = useTranslation();
  const progress = useImportStore((s) => s.progress);
  const cancel = useImportStore((s) => s.cancel);
  const reading = progress?.state === 'reading' && progress.totalBytes > 0;
  const pct = reading ? Math.min(100, Math.round((progress.bytesRead / progress.totalBytes) * 100)) : 0;
  const text = !progress ? '' : reading ? t('import.progress.reading', { pct, rows: progress.rows })
    : progress.state === 'checking' ? t('import.progress.checking', { count: progress.rows })
      : progress.state === 'writing' ? t('import.progress.writing', { count: progress.rows }) : '';
  const canCancel = !progress || progress.state === 'reading' || progress.state === 'checking';
  return (
    <Box>
      <LinearProgress data-testid={props.testId} variant={reading ? 'determinate' : 'indeterminate'} value={pct} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mt: 0.5 }}>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }} data-testid="import-progress-text">
          {text}
        </Typography>
        {canCancel && (
          <Button size="small" onClick={() => void cancel()} data-testid="import-cancel">
            {t('import.progress.cancel')}
          </Button>
        )}
      </Stack>
    </Box>
  );
}
