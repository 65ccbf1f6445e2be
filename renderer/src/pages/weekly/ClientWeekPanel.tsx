/**
 * One client's week: the next-steps editor, the preview of the summary exactly as it exports (the same sheet the PDF
 * print view renders) and the chat text, with the exports (PDF, print, copy). Previous / next client follow the
 * roll-up's order so a consultant can go through every client of the week. The Excel export holds only this client. Exports are held while next steps have
 * unsaved edits; exporting never changes data.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Paper, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { navigate } from '../../route';
import { printDoneText, printErrorText, printRoute } from '../../host';
import { useWeeklyStore } from '../../stores/weekly-store';
import { ClientWeekSheet } from '../../components/weekly/ClientWeekSheet';
import { ChatTextPanel } from './ChatTextPanel';
import { NextStepsEditor } from './NextStepsEditor';
import { clientPrintHash, pdfFileName } from './export-links';
import { useCommand } from '../../desktop/keymap';

export function ClientWeekPanel({ clientId, week }: { clientId: number; week: string }) {
  const { t } = useTranslation();
  const { summary, summaryError, summaryNotFound, rollup, busy, loadSummary, loadRollup, setBusy, exportClientXlsx } = useWeeklyStore(useShallow((st) => ({
    summary: st.summary, summaryError: st.summaryError, summaryNotFound: st.summaryNotFound, rollup: st.rollup, busy: st.busy,
    loadSummary: st.loadSummary, loadRollup: st.loadRollup, setBusy: st.setBusy, exportClientXlsx: st.exportClientXlsx,
  })));
  const [tab, setTab] = useState<'preview' | 'chat'>('preview');
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const onDirty = useCallback((d: boolean) => setDirty(d), []);
  useEffect(() => { void loadSummary(clientId, week); }, [clientId, week, loadSummary]);
  useEffect(() => { if (!rollup || rollup.week.id !== week) void loadRollup(week); }, [week, rollup, loadRollup]);

  const s = summary && summary.client.id === clientId && summary.week.id === week ? summary : null;
  const order = rollup && rollup.week.id === week ? rollup.rows.map((r) => r.clientId) : [];
  const at = order.indexOf(clientId);
  const go = (id: number | undefined) => id && navigate({ name: 'weekly', week, clientId: id });
  const [making, setMaking] = useState(false);
  const pdf = async (asPdf: boolean) => {
    if (!s) return;
    setBusy('pdf');
    setMaking(asPdf);
    try {
      const path = await printRoute(clientPrintHash(clientId, week), { pdf: asPdf, fileName: pdfFileName(week, s.client.name) });
      setMessage(printDoneText(path, t));
    } catch (e) {
      setMessage(printErrorText(e, t));
    } finally {
      setBusy(null);
      setMaking(false);
    }
  };
  useCommand('print', s ? () => void pdf(false) : null);

  if (summaryNotFound === clientId) {
    return (
      <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }} data-testid="weekly-client-not-found">
        <Typography sx={{ mb: 2 }}>{t('weekly.clientNotFound', { id: clientId })}</Typography>
        <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'center' }}>
          <Button variant="contained" autoFocus onClick={() => navigate({ name: 'weekly', week, clientId: null })} data-testid="weekly-not-found-back">{t('weekly.actions.back')}</Button>
          <Button onClick={() => navigate({ name: 'clients' })}>{t('weekly.actions.toClients')}</Button>
        </Stack>
      </Paper>
    );
  }

  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Button onClick={() => navigate({ name: 'weekly', week, clientId: null })} data-testid="weekly-back">← {t('weekly.actions.back')}</Button>
        <Typography variant="h6" sx={{ flex: 1 }} data-testid="weekly-client-name">{s?.client.name ?? ''}</Typography>
        <Button size="small" disabled={at <= 0} onClick={() => go(order[at - 1])} data-testid="weekly-prev-client">{t('weekly.actions.prevClient')}</Button>
        <Button size="small" disabled={at < 0 || at >= order.length - 1} onClick={() => go(order[at + 1])} data-testid="weekly-next-client">{t('weekly.actions.nextClient')}</Button>
        <Button size="small" onClick={() => navigate({ name: 'client', id: clientId })}>{t('weekly.actions.openClient')}</Button>
      </Stack>
      {summaryError && <Alert severity="error" action={<Button onClick={() => void loadSummary(clientId, week)}>{t('common.actions.retry')}</Button>}>{summaryError}</Alert>}
      {message && <Alert severity="info" onClose={() => setMessage(null)}>{message}</Alert>}
      {!s && !summaryError && <Typography>{t('common.loading')}</Typography>}
      {s && (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '360px 1fr' }, gap: 2, alignItems: 'start' }}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <NextStepsEditor s={s} onDirty={onDirty} />
            <Stack spacing={1} sx={{ mt: 2 }}>
              {dirty && <Alert severity="warning">{t('weekly.nextSteps.unsaved')}</Alert>}
              <Button variant="contained" disabled={dirty || !!busy} onClick={() => void pdf(true)} data-testid="client-pdf">{making ? t('common.print.making') : t('weekly.actions.pdf')}</Button>
              <Button variant="outlined" disabled={dirty || !!busy} onClick={() => void pdf(false)} data-testid="client-print">{t('weekly.actions.print')}</Button>
              <Button variant="outlined" disabled={dirty || !!busy} onClick={() => void exportClientXlsx(clientId, week)} data-testid="client-xlsx">
                {busy === 'xlsx' ? t('weekly.actions.exporting') : t('weekly.actions.clientXlsx')}
              </Button>
              <Button variant="outlined" onClick={() => setTab('chat')} data-testid="client-chat">{t('weekly.tabs.chat')}</Button>
            </Stack>
          </Paper>
          <Paper variant="outlined">
            <Tabs value={tab} onChange={(_e, v) => setTab(v)} sx={{ borderBottom: 1, borderColor: 'divider', px: 1 }}>
              <Tab value="preview" label={t('weekly.tabs.preview')} data-testid="tab-weekly-preview" />
              <Tab value="chat" label={t('weekly.tabs.chat')} data-testid="tab-weekly-chat" />
            </Tabs>
            <Box sx={{ p: 2, bgcolor: tab === 'preview' ? 'grey.200' : undefined }}>
              {tab === 'preview' && <Box className="print-root"><ClientWeekSheet s={s} /></Box>}
              {tab === 'chat' && <ChatTextPanel s={s} disabled={dirty} />}
            </Box>
          </Paper>
        </Box>
      )}
    </Stack>
  );
}
