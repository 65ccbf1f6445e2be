/**
 * The chat-app text of one client's week (built by shared/reports/weekly-text.ts), shown read-only and copied to the
 * clipboard with one click. Without clipboard access the text is selected for Ctrl+C.
 */
import { useRef, useState } from 'react';
import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useTranslation } from 'react-i18next';
import type { ClientWeekSummary } from '../../../../shared/reports/weekly-model';
import { weeklyClientText } from '../../../../shared/reports/weekly-text';
import { copyText } from '../../host';

export function ChatTextPanel({ s, disabled }: { s: ClientWeekSummary; disabled: boolean }) {
  const { t } = useTranslation();
  const text = weeklyClientText(s);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [state, setState] = useState<'copied' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await copyText(text);
      setState('copied');
    } catch {
      ref.current?.select();
      setState('failed');
    }
  };
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>{t('weekly.chat.hint')}</Typography>
        <Button variant="contained" startIcon={<ContentCopyIcon />} onClick={() => void copy()} disabled={disabled} data-testid="chat-copy">{t('weekly.actions.copy')}</Button>
      </Stack>
      {state && <Alert severity={state === 'copied' ? 'success' : 'warning'} onClose={() => setState(null)} data-testid="chat-copy-state">{t(state === 'copied' ? 'weekly.chat.copied' : 'weekly.chat.copyFailed')}</Alert>}
      <TextField
        multiline fullWidth value={text} inputRef={ref}
        slotProps={{ input: { readOnly: true, sx: { fontFamily: 'inherit', fontSize: 14, lineHeight: 1.6 } }, htmlInput: { 'data-testid': 'chat-text', 'aria-label': t('weekly.chat.title') } }}
      />
    </Stack>
  );
}
