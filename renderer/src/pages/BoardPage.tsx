/**
 * The stage board ('#/board'): a column per process stage with the clients in it. Drag a card to another column, or
 * use its "move to…" menu, then confirm the move date: the move is saved with clients.setStage (stage date + event).
 * Columns show 30 clients at a time with "show more", and the filters narrow every column, so it stays usable with
 * 20,000 clients. When no column has a client, one message replaces the seven empty columns (with 清除筛选 when a
 * filter or search is on).
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, Paper, Snackbar, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ClientRow } from '../../../shared/contract';
import { CITIES } from '../../../shared/domain/cities';
import { STAGES, type StageKey } from '../../../shared/domain/stages';
import { useAppStore } from '../stores/app-store';
import { useBoardStore } from '../stores/board-store';
import { BoardCard, DRAG_TYPE } from './board/BoardCard';
import { useSubmit } from '../components/use-submit';
import { useDiscardGuard } from '../components/use-discard-guard';
import { useCommand } from '../desktop/keymap';
import { DateField } from '../components/pickers/DateField';

interface PendingMove { row: ClientRow; to: StageKey }

export function BoardPage() {
  const { t } = useTranslation();
  const { filters, columns, consultants, error, setFilters, reload, loadMore, move } = useBoardStore();
  const today = useAppStore((s) => s.today);
  const [q, setQ] = useState(filters.q);
  const [over, setOver] = useState<StageKey | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [date, setDate] = useState(today);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => { void reload(); }, [reload]);
  useEffect(() => {
    if (q === filters.q) return;
    const h = setTimeout(() => setFilters({ q }), 150);
    return () => clearTimeout(h);
  }, [q, filters.q, setFilters]);

  const filtered = !!(filters.q.trim() || filters.city || filters.consultant);
  const clearFilters = () => { setQ(''); setFilters({ q: '', city: null, consultant: null }); };
  /** Every column loaded and none has a client: one message instead of seven empty columns. */
  const none = STAGES.every((s) => columns[s.key] && columns[s.key]!.total === 0);
  const ask = (row: ClientRow, to: StageKey) => { if (row.stage !== to) { setDate(today); setPending({ row, to }); } };
  const onDrop = (e: React.DragEvent, to: StageKey) => {
    e.preventDefault();
    setOver(null);
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    if (!raw) return;
    const { id, from } = JSON.parse(raw) as { id: number; from: StageKey };
    const row = columns[from]?.rows.find((r) => r.id === id);
    if (row) ask(row, to);
  };
  const { requestClose: cancelMove, confirm: askDiscard } = useDiscardGuard(date !== today, () => setPending(null));
  const { run: confirm, pending: moving } = useSubmit(async () => {
    if (!pending || !date) return;
    const { row, to } = pending;
    setPending(null);
    try {
      await move(row, to, date);
      setDone(t('deadlines.board.moved', { name: row.name, to: t(`common.stage.${to}`), date }));
    } catch { /* the error is shown above the board */ }
  });
  useCommand('save', pending && date && date <= today && !moving ? () => void confirm() : null); // Ctrl/Cmd+S, like 确定

  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1" sx={{ mr: 2 }}>{t('deadlines.board.title')}</Typography>
        <TextField size="small" sx={{ minWidth: 280 }} placeholder={t('deadlines.board.search')} value={q} onChange={(e) => setQ(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'board-search', 'aria-label': t('deadlines.board.search') } }} />
        <TextField select size="small" sx={{ minWidth: 130 }} label={t('clients.city')} value={filters.city ?? ''} onChange={(e) => setFilters({ city: e.target.value || null })} slotProps={{ htmlInput: { 'data-testid': 'board-city' } }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {CITIES.map((c) => <MenuItem key={c.name} value={c.name}>{c.name}</MenuItem>)}
        </TextField>
        <TextField select size="small" sx={{ minWidth: 130 }} label={t('clients.consultant')} value={filters.consultant ?? ''} onChange={(e) => setFilters({ consultant: e.target.value || null })} slotProps={{ htmlInput: { 'data-testid': 'board-consultant' } }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {consultants.map((c) => <MenuItem key={c} value={c}>{c}</MenuItem>)}
        </TextField>
        {filtered && <Button onClick={clearFilters} data-testid="board-clear">{t('clients.clearFilters')}</Button>}
      </Stack>
      {none && !error && (
        <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }} data-testid="board-empty">
          <Typography color="text.secondary" sx={{ mb: filtered ? 2 : 0 }}>{filtered ? t('clients.noMatch') : t('clients.empty')}</Typography>
          {filtered && <Button variant="contained" onClick={clearFilters} data-testid="board-empty-clear">{t('clients.clearFilters')}</Button>}
        </Paper>
      )}
      {error && <Alert severity="error" action={<Button onClick={() => void reload()}>{t('common.actions.retry')}</Button>}>{error}</Alert>}
      {!none && <Box sx={{ display: 'flex', gap: 1, overflowX: 'auto', pb: 1 }} data-testid="board">
        {STAGES.map((s) => {
          const col = columns[s.key];
          return (
            <Paper
              key={s.key}
              variant="outlined"
              role="list"
              aria-label={t(`common.stage.${s.key}`)}
              data-testid={`board-col-${s.key}`}
              onDragOver={(e) => { if (e.dataTransfer.types.includes(DRAG_TYPE)) { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; setOver(s.key); } }}
              onDragLeave={() => setOver((o) => (o === s.key ? null : o))}
              onDrop={(e) => onDrop(e, s.key)}
              sx={{ flex: '1 1 0', minWidth: 176, bgcolor: over === s.key ? 'action.selected' : 'grey.50', borderColor: over === s.key ? 'primary.main' : 'divider', display: 'flex', flexDirection: 'column' }}
            >
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 1, borderBottom: 1, borderColor: 'divider' }}>
                <Typography variant="subtitle2" sx={{ flex: 1 }}>{s.no}. {t(`common.stage.${s.key}`)}</Typography>
                <Chip size="small" label={t('deadlines.board.count', { n: col?.total ?? '…' })} data-testid={`board-count-${s.key}`} />
              </Box>
              <Stack spacing={0.75} sx={{ p: 0.75, overflowY: 'auto', maxHeight: 'calc(100vh - 250px)', minHeight: 120 }}>
                {col?.rows.map((r) => <div role="listitem" key={r.id}><BoardCard row={r} onMove={(to) => ask(r, to)} /></div>)}
                {col && !col.total && <Typography variant="caption" color="text.secondary" sx={{ textAlign: 'center', py: 2 }}>{over === s.key ? t('deadlines.board.dropHere') : t('deadlines.board.empty')}</Typography>}
                {col && col.rows.length < col.total && (
                  <Button size="small" onClick={() => void loadMore(s.key)} data-testid={`board-more-${s.key}`}>{t('deadlines.board.showMore', { n: col.total - col.rows.length })}</Button>
                )}
              </Stack>
            </Paper>
          );
        })}
      </Box>}
      <Dialog open={!!pending} onClose={cancelMove} data-testid="board-move-dialog">
        <DialogTitle>{t('deadlines.board.moveTitle')}</DialogTitle>
        <DialogContent>
          {pending && <DialogContentText sx={{ mb: 2 }}>{t('deadlines.board.moveBody', { name: pending.row.name, from: t(`common.stage.${pending.row.stage}`), to: t(`common.stage.${pending.to}`) })}</DialogContentText>}
          <DateField label={t('deadlines.board.moveDate')} value={date} onChange={setDate} onEnter={() => { if (date && date <= today && !moving) void confirm(); }} max={today} error={date > today} testId="board-move-date" />
        </DialogContent>
        <DialogActions>
          <Button onClick={cancelMove} data-testid="board-move-cancel">{t('common.actions.cancel')}</Button>
          <Button variant="contained" disabled={!date || date > today || moving} onClick={() => void confirm()} data-testid="board-move-confirm" autoFocus>{t('common.actions.confirm')}</Button>
        </DialogActions>
        {askDiscard}
      </Dialog>
      <Snackbar open={!!done} autoHideDuration={4000} onClose={() => setDone(null)} message={done} data-testid="board-moved" />
    </Stack>
  );
}
