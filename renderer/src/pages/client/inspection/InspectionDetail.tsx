/**
 * One inspection on the client page: when and where, who attends, readiness (percentage and the items still open),
 * the checklist, the outcome (with the expected issue date after a pass), and the actions: edit, print the prep sheet
 * (system print dialog) or save it as PDF, record the outcome, delete (after a confirmation).
 */
import { useState } from 'react';
import { Alert, Box, Button, Chip, Grid, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../../shared/contract';
import type { Inspection } from '../../../../../shared/contracts/inspections';
import { MIN_OFFICE_AREA } from '../../../../../shared/domain/inspection';
import { printErrorText, printRoute } from '../../../host';
import { useInspectionsStore } from '../../../stores/inspections-store';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ReadinessBar } from '../../../components/ReadinessBar';
import { InspectionChecklist } from './InspectionChecklist';
import { OutcomeDialog } from './OutcomeDialog';
import { useCommand } from '../../../desktop/keymap';
import { inspectionItemText, listSep, paren } from '../../../i18n/domain';

/** How many open items the summary line names before "… N items in all". */
const OPEN_SHOWN = 8;

export const OUTCOME_COLOR = { passed: 'success', issues: 'warning', postponed: 'default' } as const;

export function InspectionDetail({ client, inspection: i, onEdit }: { client: Client; inspection: Inspection; onEdit: () => void }) {
  const { t } = useTranslation();
  const remove = useInspectionsStore((s) => s.remove);
  const [outcomeOpen, setOutcomeOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [printError, setPrintError] = useState<string | null>(null);
  /** True while 导出 PDF is being made (browser mode: the host renders it; a second click would make a second file). */
  const [making, setMaking] = useState(false);
  const print = async (pdf: boolean) => {
    if (making) return;
    setPrintError(null);
    setMaking(pdf);
    try {
      await printRoute(`#/print/inspection?ids=${i.id}`, { pdf, fileName: `现场核查准备单-${client.name}-${i.date}.pdf` });
    } catch (e) {
      setPrintError(t('inspection.printFailed', { msg: printErrorText(e, t) }));
    } finally {
      setMaking(false);
    }
  };
  useCommand('print', () => void print(false));
  const none = t('inspection.field.none');
  const info: Array<[string, string]> = [
    [t('inspection.field.address'), i.address ?? none],
    [t('inspection.field.authorityPeople'), i.authorityPeople ?? none],
    [t('inspection.field.consultant'), [i.consultantName, i.consultantPhone].filter(Boolean).join(' ') || none],
    [t('inspection.field.attendees'), i.attendees.map((a) => `${t(`inspection.role.${a.role}`)} ${a.name}${a.phone ? ` ${a.phone}` : ''}`).join('；') || none],
  ];
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="insp-detail">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1.5 }} useFlexGap>
        <Typography variant="h6" data-testid="insp-when">{i.date}{i.time ? ` ${i.time}` : ''}</Typography>
        <Chip size="small" color={i.outcome ? OUTCOME_COLOR[i.outcome] : 'info'} label={i.outcome ? t(`inspection.outcome.${i.outcome}`) : t('inspection.scheduled')} data-testid="insp-outcome" />
        <Box sx={{ flex: 1 }} />
        <Button size="small" onClick={onEdit} data-testid="insp-edit">{t('common.actions.edit')}</Button>
        <Button size="small" variant="outlined" onClick={() => void print(false)} data-testid="insp-print">{t('inspection.actions.print')}</Button>
        <Button size="small" variant="outlined" disabled={making} onClick={() => void print(true)} data-testid="insp-pdf">{making ? t('common.print.making') : t('inspection.actions.pdf')}</Button>
        <Button size="small" variant="contained" onClick={() => setOutcomeOpen(true)} data-testid="insp-record-outcome">{t('inspection.actions.outcome')}</Button>
        <Button size="small" color="error" onClick={() => setDeleting(true)} data-testid="insp-remove">{t('inspection.actions.remove')}</Button>
      </Stack>
      {printError && <Alert severity="error" sx={{ mb: 1 }}>{printError}</Alert>}
      <Grid container spacing={1} sx={{ mb: 1.5 }}>
        {info.map(([k, v]) => (
          <Grid key={k} size={{ xs: 12, md: 6 }}>
            <Typography variant="caption" color="text.secondary">{k}</Typography>
            <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>{v}</Typography>
          </Grid>
        ))}
        {i.equipmentList && (
          <Grid size={{ xs: 12, md: 6 }}>
            <Typography variant="caption" color="text.secondary">{t('inspection.field.equipmentList')}</Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-line' }}>{i.equipmentList}</Typography>
          </Grid>
        )}
        {i.notes && (
          <Grid size={{ xs: 12, md: 6 }}>
            <Typography variant="caption" color="text.secondary">{t('inspection.field.notes')}</Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-line' }}>{i.notes}</Typography>
          </Grid>
        )}
      </Grid>
      {i.outcome && (
        <Alert severity={i.outcome === 'passed' ? 'success' : i.outcome === 'issues' ? 'warning' : 'info'} sx={{ mb: 1.5 }} data-testid="insp-outcome-box">
          <strong>{t(`inspection.outcome.${i.outcome}`)}</strong>{i.outcomeNotes ? `：${i.outcomeNotes}` : ''}
          {i.expectedIssueDate && <Box data-testid="insp-expected">{t('inspection.expected', { date: i.expectedIssueDate })}</Box>}
          {i.expectedIssueMissingYears.length > 0 && <Box>{t('inspection.missingYears', { years: i.expectedIssueMissingYears.join('、') })}</Box>}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', mb: 1 }}>
        <ReadinessBar readiness={i.readiness} width={200} testId="insp-readiness" />
        <Typography variant="body2" color={i.readiness.open.length ? 'text.secondary' : 'success.main'} data-testid="insp-open">
          {i.readiness.open.length
            ? `${t('inspection.openItems')}${i.readiness.open.slice(0, OPEN_SHOWN).map((o) => (o.reason === 'area_low' ? `${inspectionItemText({ text: o.text })}${paren(t('inspection.areaLow', { min: MIN_OFFICE_AREA.valueM2 }))}` : inspectionItemText({ text: o.text }))).join(listSep())}`
              + (i.readiness.open.length > OPEN_SHOWN ? t('inspection.openMore', { n: i.readiness.open.length }) : '')
            : t('inspection.allReady')}
        </Typography>
      </Stack>
      <InspectionChecklist inspection={i} />
      <OutcomeDialog open={outcomeOpen} inspection={i} onClose={() => setOutcomeOpen(false)} />
      <ConfirmDialog
        open={deleting}
        title={t('inspection.removeTitle', { date: i.date })}
        body={t('inspection.removeBody', { done: i.items.filter((x) => x.checked).length, total: i.items.length })}
        onClose={() => setDeleting(false)}
        onConfirm={() => { setDeleting(false); void remove(i.id).catch(() => undefined); }}
      />
    </Paper>
  );
}
