/**
 * The client register: search (Chinese, 1+ characters), filters by city / stage / consultant, sortable columns and a
 * virtualised list that loads rows page by page, so 20,000 clients never render at once. Enter on a row opens it.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, LinearProgress, Paper, Stack, TableSortLabel, TextField, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { CITIES } from '../../../shared/domain/cities';
import { STAGES, type StageKey } from '../../../shared/domain/stages';
import { navigate, useRoute } from '../route';
import { useClientsStore, type SortField } from '../stores/clients-store';
import { InspectionBanner } from '../components/InspectionBanner';
import { ClientRowView } from './clients/ClientRowView';
import { FilterSelect } from '../components/FilterSelect';
import { cityLabel } from '../i18n/domain';

const COLS: Array<{ key: SortField | 'contact'; width: string; sortable: boolean }> = [
  { key: 'name', width: 'minmax(220px,3fr)', sortable: true },
  { key: 'city', width: '90px', sortable: true },
  { key: 'industry', width: '110px', sortable: true },
  { key: 'stage', width: '110px', sortable: true },
  { key: 'progress', width: '90px', sortable: true },
  { key: 'consultant', width: '90px', sortable: true },
  { key: 'contact', width: 'minmax(150px,1fr)', sortable: false },
  { key: 'lastNoteDate', width: '110px', sortable: true },
];
const GRID = COLS.map((c) => c.width).join(' ');
const ROW_H = 40;
/** Wait after the last keystroke before searching (ms): searches answer in a few ms, so this only spares requests. */
const SEARCH_DEBOUNCE_MS = 30;

export function ClientsPage() {
  const { t } = useTranslation();
  const { query, total, rows, consultants, grandTotal, error, setQuery, reload, ensureRange } = useClientsStore();
  const [q, setQ] = useState(query.q);
  const parentRef = useRef<HTMLDivElement>(null);
  // While an input method composes (pinyin letters), the box holds letters that are not the search: wait for the
  // composition to end, then search at once.
  const composing = useRef(false);

  // '#/clients?stage=…&city=…' (the dashboard's charts) opens the register filtered; plain '#/clients' keeps the last query.
  const route = useRoute((s) => s.route);
  const routeCity = route.name === 'clients' ? route.city ?? null : null;
  const routeStage = route.name === 'clients' ? route.stage ?? null : null;
  useEffect(() => {
    if (routeCity || routeStage) {
      setQ('');
      setQuery({ q: '', city: routeCity, stage: routeStage, consultant: null });
    } else void reload();
  }, [routeCity, routeStage, setQuery, reload]);
  useEffect(() => {
    if (q === query.q) return;
    const h = setTimeout(() => { if (!composing.current) setQuery({ q }); }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [q, query.q, setQuery]);

  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => parentRef.current, estimateSize: () => ROW_H, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    if (items.length) ensureRange(items[0].index, items[items.length - 1].index);
  }, [items, ensureRange]);

  const filtered = !!(query.q || query.city || query.stage || query.consultant);
  const sortBy = (key: SortField) => setQuery({ sort: key, dir: query.sort === key && query.dir === 'asc' ? 'desc' : 'asc' });

  return (
    <Stack spacing={1.5}>
      <InspectionBanner />
      <Stack sx={{ alignItems: 'center', flexWrap: 'wrap' }} direction="row" spacing={1.5} useFlexGap>
        <TextField
          size="small"
          sx={{ minWidth: 380, flex: 1 }}
          placeholder={t('clients.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onCompositionStart={() => { composing.current = true; }}
          onCompositionEnd={(e) => {
            composing.current = false;
            const value = (e.target as HTMLInputElement).value;
            setQ(value);
            if (value !== query.q) setQuery({ q: value });
          }}
          slotProps={{ htmlInput: { 'data-testid': 'client-search', 'aria-label': t('clients.searchPlaceholder'), title: t('desktop.shortcuts.search') } }}
          autoFocus
        />
        <FilterSelect label={t('clients.city')} value={query.city} testId="filter-city" onChange={(v) => setQuery({ city: v })} options={CITIES.map((c) => ({ value: c.name, label: cityLabel(c.name) }))} />
        <FilterSelect label={t('clients.stage')} value={query.stage} testId="filter-stage" onChange={(v) => setQuery({ stage: v as StageKey | null })} options={STAGES.map((s) => ({ value: s.key, label: t(`common.stage.${s.key}`) }))} />
        <FilterSelect label={t('clients.consultant')} value={query.consultant} testId="filter-consultant" onChange={(v) => setQuery({ consultant: v })} options={consultants.map((c) => ({ value: c, label: c }))} />
        {filtered && <Button onClick={() => { setQ(''); setQuery({ q: '', city: null, stage: null, consultant: null }); }}>{t('clients.clearFilters')}</Button>}
      </Stack>
      <Typography variant="body2" color="text.secondary" data-testid="client-count">
        {total === null ? t('common.loading') : filtered ? t('clients.countFiltered', { total, grand: grandTotal ?? 0 }) : t('clients.count', { total, count: total })}
      </Typography>
      {error && <Alert severity="error" action={<Button onClick={() => void reload()}>{t('common.actions.retry')}</Button>}>{error}</Alert>}
      <Paper variant="outlined">
        <Box role="row" sx={{ display: 'grid', gridTemplateColumns: GRID, px: 1, py: 0.75, borderBottom: 1, borderColor: 'divider', fontWeight: 600, fontSize: 14, bgcolor: 'grey.50' }}>
          {COLS.map((c) => (
            <Box key={c.key} role="columnheader">
              {c.sortable ? (
                <TableSortLabel active={query.sort === c.key} direction={query.sort === c.key ? query.dir : 'asc'} onClick={() => sortBy(c.key as SortField)}>
                  {t(`clients.col.${c.key}`)}
                </TableSortLabel>
              ) : t(`clients.col.${c.key}`)}
            </Box>
          ))}
        </Box>
        {total === null && <LinearProgress />}
        {total === 0 && (
          <Box sx={{ p: 4, textAlign: 'center' }} data-testid="clients-empty">
            <Typography color="text.secondary" sx={{ mb: 2 }}>{filtered ? t('clients.noMatch') : t('clients.empty')}</Typography>
            {!filtered && (
              <Stack sx={{ justifyContent: 'center' }} direction="row" spacing={1}>
                <Button variant="contained" onClick={() => navigate({ name: 'import' })}>{t('clients.importCta')}</Button>
                <Button variant="outlined" onClick={() => navigate({ name: 'newClient' })}>{t('clients.newCta')}</Button>
              </Stack>
            )}
          </Box>
        )}
        <Box ref={parentRef} sx={{ height: 'calc(100vh - 220px)', minHeight: 300, overflow: 'auto', display: total ? 'block' : 'none' }} data-testid="client-list">
          <Box sx={{ position: 'relative' }} style={{ height: virtualizer.getTotalSize() }}>
            {items.map((vi) => <ClientRowView key={vi.key} row={rows[vi.index]} start={vi.start} height={ROW_H} grid={GRID} />)}
          </Box>
        </Box>
      </Paper>
    </Stack>
  );
}
