/**
 * The backups list (newest first: time, kind, size, client count) with 立即备份, 恢复 per backup (opens the preview
 * dialog) and 从文件恢复 (a file picker; the bytes are sent, never a path).
 */
import { useRef } from 'react';
import { Box, Button, Chip, CircularProgress, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../shared/contracts/backup';
import { formatBytes } from '../../stores/import-store';
import { useBackupStore } from '../../stores/backup-store';
import { formatInstant } from '../../format';

/** A hidden file input and the button that opens it; `onFile` gets the chosen file. */
export function FilePickButton(props: { label: string; accept: string; disabled?: boolean; testId: string; title?: string; onFile: (f: File) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button variant="outlined" disabled={props.disabled} onClick={() => ref.current?.click()} title={props.title}>{props.label}</Button>
      <input
        ref={ref}
        type="file"
        hidden
        accept={props.accept}
        data-testid={props.testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) props.onFile(f);
        }}
      />
    </>
  );
}

/** The backups table (shared by the settings page and the recovery screen). */
export function BackupsTable(props: { backups: BackupInfo[]; disabled: boolean }) {
  const { t } = useTranslation();
  const previewBackup = useBackupStore((s) => s.previewBackup);
  if (!props.backups.length) return <Typography color="text.secondary" data-testid="backups-empty">{t('backup.backups.empty')}</Typography>;
  return (
    <TableContainer sx={{ maxHeight: 420 }}>
      <Table size="small" stickyHeader data-testid="backups-list">
        <TableHead>
          <TableRow>
            {(['time', 'kind', 'size', 'clients', 'actions'] as const).map((c) => (
              <TableCell key={c} align={c === 'size' || c === 'clients' ? 'right' : 'left'}>{t(`backup.backups.columns.${c}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.backups.map((b) => (
            <TableRow key={b.name} data-testid="backup-row" hover>
              <TableCell title={b.name}>{formatInstant(b.createdAt)}</TableCell>
              <TableCell><Chip size="small" variant="outlined" label={t(`backup.backups.kind.${b.kind}`)} /></TableCell>
              <TableCell align="right">{formatBytes(b.size)}</TableCell>
              <TableCell align="right" data-testid="backup-clients">{b.ok ? b.clients : t('backup.backups.unreadable')}</TableCell>
              <TableCell>
                <Button size="small" disabled={props.disabled || !b.ok} onClick={() => void previewBackup(b.name)} data-testid="backup-restore">
                  {t('backup.backups.restore')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

export function BackupsCard() {
  const { t } = useTranslation();
  const backups = useBackupStore((s) => s.backups);
  const op = useBackupStore((s) => s.op);
  const backupNow = useBackupStore((s) => s.backupNow);
  const previewFile = useBackupStore((s) => s.previewFile);
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }}>{t('backup.backups.title')}</Typography>
        <Button
          variant="contained"
          disabled={!!op}
          onClick={() => void backupNow()}
          startIcon={op === 'backup' ? <CircularProgress size={16} color="inherit" /> : undefined}
          data-testid="backup-now"
        >
          {op === 'backup' ? t('backup.backups.running') : t('backup.backups.now')}
        </Button>
        <FilePickButton label={t('backup.backups.fromFile')} title={t('backup.backups.fromFileHint')} accept=".sqlite,.db,.bak,application/x-sqlite3" disabled={!!op} testId="restore-file-input" onFile={(f) => void previewFile(f)} />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>{t('backup.backups.help')}</Typography>
      <Box>
        <BackupsTable backups={backups} disabled={!!op} />
      </Box>
    </Paper>
  );
}
