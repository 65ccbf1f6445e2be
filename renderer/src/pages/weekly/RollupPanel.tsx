/**
 * The roll-up of all clients active in the week: filters (city, stage, consultant), sortable columns (sorted by the
 * service, so the PDF and Excel show the same order) including 需补正 and overdue counts, the week's milestone under
 * the stage, a flag on clients without a note this week, and the exports
 * (preview, PDF, print, Excel; off with a hint when no client is listed). Default order: overdue, then 需补正 first. Enter or click on a row opens that client's week.
 */
import { memo, useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle,  Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TableSortLabel, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { CITIES } from '../../../../shared/domain/cities';
import { STAGES, type StageKey } from '../../../../shared/domain/stages';
import type { RollupRow, RollupSortField } from '../../../../shared/reports/weekly-model';
import { navigate } from '../../route';
import { printDoneText, printErrorText, printRoute } from '../../host';
import { useWeeklyStore } from '../../stores/weekly-store';
import { RollupSheet } from '../../components/weekly/RollupSheet';
import { pdfFileName, rollupPrintHash } from './export-links';
import { FilterSelect } from '../../components/FilterSelect';
import { headlineChangesText, milestoneText, upcomingWhatText } from './rollup-text';
import { onEnter } from '../../components/keys';
import { useCommand } from '../../desktop/keymap';
import { cityLabel } from '../../i18n/domain';

const COLS: Array<{ key: RollupSortField | 'headline'; width?: number }> = [
  { key: 'name' }, { key: 'city', width: 90 }, { key: 'consultant', width: 90 }, { key: 'stage', width: 130 },
  { key: 'progress', width: 90 }, { key: 'corrections', width: 90 }, { key: 'overdue', width: 80 }, { key: 'headline' },
  { key: 'nextDeadline', width: 190 }, { key: 'noNote', width: 90 },
];

export function RollupPanel({ week }: { week: string }) {
  const { t } = useTranslation();
  const { filters, rollup, rollupError, busy, setFilters, loadRollup, exportXlsx, setBusy } = useWeeklyStore(
    useShallow((s) => ({ filters: s.filters, rollup: s.rollup, rollupError: s.rollupError, busy: s.busy, setFilters: s.setFilters, loadRollup: s.loadRollup, exportXlsx: s.exportXlsx, setBusy: s.setBusy })),
  );
  const [preview, setPreview] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => { void loadRollup(week); }, [week, loadRollup]);

  const current = rollup && rollup.week.id === week ? rollup : null;
  const filtered = !!(filters.city || filters.stage || filters.consultant);
  /** Nothing to export: the week has no rows (after the filters); PDF, print, Excel and the print shortcut are off. */
  const nothing = !!current && current.rows.length === 0;
  const sortBy = (key: RollupSortField) => setFilters({ sort: key, dir: filters.sort === key && filters.dir === 'asc' ? 'desc' : 'asc' }, week);
  const [making, setMaking] = useState(false);
  const pdf = async (asPdf: boolean) => {
    setBusy('pdf');
    setMaking(asPdf);
    try {
      const path = await printRoute(rollupPrintHash(week, filters), { pdf: asPdf, fileName: pdfFileName(week) });
      setMessage(printDoneText(path, t));
    } catch (e) {
      setMessage(printErrorText(e, t));
    } finally {
      setBusy(null);
      setMaking(false);
    }
  };
  useCommand('print', () => { if (current && !nothing) void pdf(false); });

  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <FilterSelect label={t('weekly.rollup.col.city')} value={filters.city} testId="rollup-filter-city" onChange={(v) => setFilters({ city: v }, week)} options={CITIES.map((c) => ({ value: c.name, label: cityLabel(c.name) }))} />
        <FilterSelect label={t('weekly.rollup.col.stage')} value={filters.stage} testId="rollup-filter-stage" onChange={(v) => setFilters({ stage: v as StageKey | null }, week)} options={STAGES.map((s) => ({ value: s.key, label: t(`common.stage.${s.key}`) }))} />
        <FilterSelect label={t('weekly.rollup.col.consultant')} value={filters.consultant} testId="rollup-filter-consultant" onChange={(v) => setFilters({ consultant: v }, week)} options={(current?.consultants ?? []).map((c) => ({ value: c, label: c }))} />
        {filtered && <Button onClick={() => setFilters({ city: null, stage: null, consultant: null }, week)}>{t('weekly.rollup.clearFilters')}</Button>}
        <Box sx={{ flex: 1 }} />
        <Button variant="outlined" onClick={() => setPreview(true)} disabled={!current} data-testid="rollup-preview">{t('weekly.actions.preview')}</Button>
        <Tooltip title={nothing ? t('weekly.rollup.nothingToExport') : ''}>
          <Stack direction="row" spacing={1.5}>
            <Button variant="contained" onClick={() => void pdf(true)} disabled={!current || nothing || !!busy} data-testid="rollup-pdf">{making ? t('common.print.making') : t('weekly.actions.pdf')}</Button>
            <Button variant="outlined" onClick={() => void pdf(false)} disabled={!current || nothing || !!busy} data-testid="rollup-print">{t('weekly.actions.print')}</Button>
            <Button variant="outlined" onClick={() => void exportXlsx(week)} disabled={!current || nothing || !!busy} data-testid="rollup-xlsx">{busy === 'xlsx' ? t('weekly.actions.exporting') : t('weekly.actions.xlsx')}</Button>
          </Stack>
        </Tooltip>
      </Stack>
      {current && (
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <Typography variant="body2" color="text.secondary" data-testid="rollup-count">{t('weekly.rollup.count', current.totals)}</Typography>
          {filters.sort === 'attention'
            ? <Typography variant="body2" color="text.secondary" data-testid="rollup-sort-default">{t('weekly.rollup.sortDefault')}</Typography>
            : <Button size="small" onClick={() => setFilters({ sort: 'attention', dir: 'asc' }, week)} data-testid="rollup-sort-reset">{t('weekly.rollup.sortReset')}</Button>}
          {nothing && <Typography variant="body2" color="warning.main" data-testid="rollup-nothing">{t('weekly.rollup.nothingToExport')}</Typography>}
        </Stack>
      )}
      {message && <Alert severity="info" onClose={() => setMessage(null)}>{message}</Alert>}
      {rollupError && <Alert severity="error" action={<Button onClick={() => void loadRollup(week)}>{t('common.actions.retry')}</Button>}>{rollupError}</Alert>}
      {!current && !rollupError && <Typography>{t('common.loading')}</Typography>}
      {current && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" stickyHeader data-testid="rollup-table">
            <TableHead>
              <TableRow>
                {COLS.map((c) => (
                  <TableCell key={c.key} sx={{ width: c.width, minWidth: c.width, fontWeight: 600, whiteSpace: 'nowrap' }} data-testid={`rollup-head-${c.key}`}>
                    {c.key === 'headline' ? t('weekly.rollup.col.headline') : (
                      <TableSortLabel active={filters.sort === c.key} direction={filters.sort === c.key ? filters.dir : 'asc'} onClick={() => sortBy(c.key as RollupSortField)}>
                        {t(`weekly.rollup.col.${c.key}`)}
                      </TableSortLabel>
                    )}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              <RollupRows rows={current.rows} week={week} />
              {!current.rows.length && (
                <TableRow><TableCell colSpan={COLS.length} sx={{ textAlign: 'center', py: 4, color: 'text.secondary' }} data-testid="rollup-empty">
                  {filtered ? t('weekly.rollup.noMatch') : t('weekly.rollup.empty')}<br />{!filtered && t('weekly.rollup.emptyHint')}
                </TableCell></TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <Dialog open={preview && !!current} onClose={() => setPreview(false)} maxWidth="lg" fullWidth>
        <DialogTitle>{t('weekly.previewTitle')}</DialogTitle>
        <DialogContent sx={{ bgcolor: 'grey.200' }}>
          {current && <Box className="print-root"><RollupSheet r={current} /></Box>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPreview(false)}>{t('common.actions.close')}</Button>
          <Button variant="contained" disabled={!!busy || nothing} onClick={() => { setPreview(false); void pdf(true); }}>{t('weekly.actions.pdf')}</Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

/**
 * The roll-up's rows, memoised on the rows and the week: opening the preview, a message or an export's busy state
 * re-render the panel, not every row. Enter or click on a row opens that client's week.
 */
const RollupRows = memo(function RollupRows({ rows, week }: { rows: RollupRow[]; week: string }) {
  const { t } = useTranslation();
  return rows.map((r) => {
    const open = () => navigate({ name: 'weekly', week, clientId: r.clientId });
    return (
      <TableRow key={r.clientId} hover tabIndex={0} sx={{ cursor: 'pointer' }} onClick={open} onKeyDown={onEnter(() => open())} data-testid={`rollup-row-${r.clientId}`} aria-label={`${r.name} ${t('weekly.rollup.open')}`}>
        <TableCell data-testid="rollup-row-name">{r.name}</TableCell>
        <TableCell>{cityLabel(r.city)}</TableCell>
        <TableCell>{r.consultant ?? '—'}</TableCell>
        <TableCell data-testid="rollup-row-stage">
          {t(`common.stage.${r.stage}`)}{r.stageMoved && ' ↑'}
          {r.milestoneRef && <Typography variant="caption" component="div" color="success.main" data-testid="rollup-row-milestone">★ {milestoneText(r.milestoneRef, t)}</Typography>}
        </TableCell>
        <TableCell data-testid="rollup-row-progress">{r.progress.done}/{r.progress.total}</TableCell>
        <TableCell data-testid="rollup-row-corrections">{r.correctionCount || '—'}</TableCell>
        <TableCell data-testid="rollup-row-overdue" sx={{ color: r.overdueCount ? 'error.main' : undefined, fontWeight: r.overdueCount ? 600 : undefined }}>{r.overdueCount || '—'}</TableCell>
        <TableCell sx={{ color: r.headlineSource === 'none' ? 'text.disabled' : undefined, overflowWrap: 'anywhere' }} data-testid="rollup-row-headline">
          {r.headlineSource === 'none' ? t('weekly.rollup.headlineNone') : r.headlineChanges ? headlineChangesText(r.headlineChanges, t) : r.headline}
        </TableCell>
        <TableCell data-testid="rollup-row-next" sx={{ overflowWrap: 'anywhere' }}>
          {r.nextDeadline ? <NextDeadline u={r.nextDeadline} /> : '—'}
          {r.nextDeadline && r.nextDeadline.overdueDays > 0 && <Typography variant="caption" component="div" color="error">{t('weekly.rollup.overdueDays', { count: r.nextDeadline.overdueDays })}</Typography>}
        </TableCell>
        <TableCell data-testid="rollup-row-flag">
          {r.noNote ? <Chip size="small" color="warning" label={t('weekly.rollup.noNote')} /> : t('weekly.rollup.notes', { n: r.noteCount })}
        </TableCell>
      </TableRow>
    );
  });
});

/**
 * The roll-up's next deadline: its date and what it is in the UI's language; a site inspection names only its time
 * and kind, with the detail (address, attendees, what to bring) one hover away — the whole line as the report has it.
 */
function NextDeadline({ u }: { u: NonNullable<RollupRow['nextDeadline']> }) {
  const { t } = useTranslation();
  const brief = `${u.date.slice(5)} ${upcomingWhatText(u, t, { brief: true })}`;
  const full = `${u.date.slice(5)} ${upcomingWhatText(u, t)}`;
  return brief === full ? <>{brief}</> : <Tooltip title={full}><span data-testid="rollup-row-next-brief">{brief}</span></Tooltip>;
}
