/** Step 3 of the import page: how many clients were imported, how many values went to 其他信息, and every skipped row with its reasons. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ImportResult } from '../../../../shared/contract';
import { messageText } from '../../i18n/message';
import { navigate } from '../../route';
import { useImportStore } from '../../stores/import-store';

/** The result screen; `onAgain` starts over with another file. */
export function ResultStep(props: { onAgain: () => void }) {
  const { t } = useTranslation();
  const result = useImportStore((s) => s.result) as ImportResult;
  const headingRef = useRef<HTMLDivElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <Stack spacing={2} data-testid="import-result">
      <Alert severity={result.imported > 0 ? 'success' : 'info'} ref={headingRef} tabIndex={-1}>
        <AlertTitle>{t('import.result.title')}</AlertTitle>
        <Typography sx={{ fontWeight: 600 }} data-testid="import-imported">
          {t('import.result.imported', { n: result.imported, count: result.imported })}
        </Typography>
        <Typography data-testid="import-extra-values">
          {result.extraValues > 0 ? t('import.result.extraValues', { n: result.extraValues, count: result.extraValues }) : t('import.result.noExtraValues')}
        </Typography>
      </Alert>
      <Paper variant="outlined" data-testid="import-skipped">
        <Typography variant="subtitle1" sx={{ px: 2, pt: 1.5, pb: 1, fontWeight: 600 }}>
          {t('import.result.skippedTitle', { n: result.skipped.length })}
        </Typography>
        {result.skipped.length === 0 ? (
          <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
            {t('import.result.noneSkipped')}
          </Typography>
        ) : (
          <TableContainer sx={{ maxHeight: '60vh' }}>
            <Table size="small" stickyHeader>
              <TableHead>
                <TableRow>
                  <TableCell sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{t('import.table.sheetRow')}</TableCell>
                  <TableCell sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{t('import.table.seq')}</TableCell>
                  <TableCell sx={{ fontWeight: 600 }}>{t('import.table.reasons')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.skipped.map((s) => (
                  <TableRow key={s.sheetRow} data-testid={`import-skipped-${s.sheetRow}`} sx={{ verticalAlign: 'top' }}>
                    <TableCell>{s.sheetRow}</TableCell>
                    <TableCell>{s.seq ?? '—'}</TableCell>
                    <TableCell>
                      {s.reasons.length ? s.reasons.map((reason, i) => <Typography key={i} variant="body2">{messageText(reason, reason.text)}</Typography>) : '—'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>
      <Stack direction="row" spacing={1.5}>
        <Button variant="contained" onClick={() => navigate({ name: 'clients' })} data-testid="import-open-register">
          {t('import.result.openRegister')}
        </Button>
        <Button onClick={props.onAgain} data-testid="import-again">
          {t('import.result.again')}
        </Button>
      </Stack>
    </Stack>
  );
}
