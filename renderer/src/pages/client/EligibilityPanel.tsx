/**
 * The client's "资质评估" tab (spec §3, §8): the overall result, each condition with pass / fail / unknown and its
 * reasons, the pitfall warnings, the facts form, and printing the A4 assessment sheet (print view 'eligibility').
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Collapse, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ELIGIBILITY_CONDITIONS } from '../../../../shared/domain/eligibility';
import { printErrorText, printRoute } from '../../host';
import { useAppStore } from '../../stores/app-store';
import { useClientStore } from '../../stores/client-store';
import { useClientDeadlinesStore } from '../../stores/client-deadlines-store';
import { EligibilityFactsForm } from './EligibilityFactsForm';
import { areaMismatchText, pitfallText, reasonText } from './eligibility-text';
import { useCommand } from '../../desktop/keymap';

export const STATUS_COLOR = { pass: 'success', fail: 'error', unknown: 'warning', off: 'default' } as const;

export function EligibilityPanel({ clientId }: { clientId: number }) {
  const { t, i18n } = useTranslation();
  const { eligibility: a, error, load } = useClientDeadlinesStore();
  const today = useAppStore((s) => s.today);
  const clientUpdated = useClientStore((s) => s.client?.updatedAt);
  const clientName = useClientStore((s) => s.client?.name ?? '');
  const [editing, setEditing] = useState(false);
  const [printError, setPrintError] = useState<string | null>(null);
  useEffect(() => { void load(clientId, 'eligibility'); }, [clientId, today, clientUpdated, load]);
  /** True while 导出 PDF is being made (browser mode: the host renders it; a second click would make a second file). */
  const [making, setMaking] = useState(false);
  const print = (pdf: boolean) => {
    if (!a || making) return;
    setPrintError(null);
    setMaking(pdf);
    printRoute(`#/print/eligibility?clientId=${clientId}&today=${a.today}`, { pdf, fileName: `资质评估表-${clientName}.pdf` })
      .catch((e: unknown) => setPrintError(printErrorText(e, t)))
      .finally(() => setMaking(false));
  };
  useCommand('print', a ? () => print(false) : null);
  if (!a) return error ? <Alert severity="error">{error}</Alert> : null;
  return (
    <Stack spacing={2} data-testid="eligibility-panel">
      {error && <Alert severity="error">{error}</Alert>}
      {printError && <Alert severity="error" onClose={() => setPrintError(null)}>{printError}</Alert>}
      {a.areaMismatch && <Alert severity="warning" data-testid="area-mismatch">{areaMismatchText(t, a.areaMismatch)}</Alert>}
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('eligibility.title')}</Typography>
        <Chip color={STATUS_COLOR[a.overall]} label={t(`eligibility.overall.${a.overall}`)} data-testid="eligibility-overall" />
        <Typography variant="body2" color="text.secondary">{t('eligibility.asOf', { date: a.today })}</Typography>
        <Box sx={{ flex: 1 }} />
        <Button onClick={() => print(false)} data-testid="eligibility-print">{t('eligibility.print')}</Button>
        <Button disabled={making} onClick={() => print(true)} data-testid="eligibility-pdf">{making ? t('common.print.making') : t('eligibility.pdf')}</Button>
      </Stack>
      <Paper variant="outlined">
        {a.results.map((r) => {
          const c = ELIGIBILITY_CONDITIONS.find((x) => x.key === r.key)!;
          return (
            <Box key={r.key} data-testid={`condition-${r.key}`} data-status={r.status} sx={{ display: 'grid', gridTemplateColumns: '28px minmax(220px, 1.2fr) 84px 2fr', gap: 1, alignItems: 'start', px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider' }}>
              <Typography variant="body2" color="text.secondary">{c.no}</Typography>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>{t(`eligibility.condition.${r.key}`)}</Typography>
              <Chip size="small" color={STATUS_COLOR[r.status]} label={t(`eligibility.status.${r.status}`)} />
              <Box>
                {r.reasons.map((x) => (
                  <Typography key={x.code} variant="body2" sx={{ color: x.status === 'fail' ? 'error.main' : x.status === 'unknown' ? 'warning.dark' : 'text.secondary' }}>
                    {reasonText(t, i18n, x.code, x.params, x.source)}
                  </Typography>
                ))}
              </Box>
            </Box>
          );
        })}
      </Paper>
      <Box data-testid="pitfalls">
        <Typography variant="subtitle2" sx={{ mb: 1 }}>{t('eligibility.pitfalls')}</Typography>
        {!a.pitfalls.length && <Typography variant="body2" color="text.secondary">{t('eligibility.noPitfalls')}</Typography>}
        <Stack spacing={1}>
          {a.pitfalls.map((p, i) => (
            <Alert key={`${p.code}-${i}`} severity={p.key === 'renewal' && p.code !== 'renewal_warn' ? 'error' : 'warning'} data-testid={`pitfall-${p.key}`}>
              <b>{t(`eligibility.pitfall.${p.key}`)}{t('common.colon')}</b>{pitfallText(t, i18n, p.code, p.params)}
            </Alert>
          ))}
        </Stack>
      </Box>
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>{t('eligibility.fromRegister')}</Typography>
          <Button onClick={() => setEditing(!editing)} data-testid="facts-toggle">{t('eligibility.edit')}</Button>
        </Stack>
        <Collapse in={editing} unmountOnExit><Box sx={{ pt: 2 }}><EligibilityFactsForm data={a} onSaved={() => setEditing(false)} /></Box></Collapse>
      </Paper>
    </Stack>
  );
}
