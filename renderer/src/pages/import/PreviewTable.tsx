/**
 * The import preview's table: one row per sheet row with its outcome (import / to confirm / duplicate), the reasons
 * and informational flags, and the "import anyway" checkbox of a flagged row that may be forced; filtered by the
 * summary chips (import store), virtualised above {@link VIRTUALISE_ABOVE} rows. The table scrolls inside its own
 * container when wider than the window, with its key columns kept in view (never the page: 1366 px,
 * tests/e2e/english-ui.test.ts).
 */
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImportRow } from '../../../../shared/contract';
import { useImportStore } from '../../stores/import-store';
import { messageText } from '../../i18n/message';
import { cityLabel, importFlagLabel } from '../../i18n/domain';

/** Rows above this count are virtualised. */
const VIRTUALISE_ABOVE = 200;
const ROW_ESTIMATE = 53;
/** Flags without a reason of their own (informational), shown as small chips. */
const INFO_FLAGS = ['city_mismatch', 'uscc_fullwidth', 'uscc_lowercase', 'capital_low', 'area_low', 'staff_low'];
const OUTCOME_COLOR = { import: 'success', flagged: 'warning', duplicate: 'default' } as const;

const COLS = ['sheetRow', 'seq', 'name', 'uscc', 'city', 'capital', 'founded', 'outcome', 'reasons', 'force'] as const;

/**
 * The key columns (sheet row, the sheet's own number, company name) stay at the left while a preview wider than the
 * window scrolls sideways inside its container (never the whole page: 1366 px, tests/e2e/layout-1366.test.ts): fixed
 * widths so each knows where the one before it ends; an opaque background so what scrolls under them is hidden.
 */
const STICKY: Partial<Record<(typeof COLS)[number], { left: number; width: number }>> = {
  sheetRow: { left: 0, width: 56 },
  seq: { left: 56, width: 56 },
  name: { left: 112, width: 200 },
};
const stickySx = (c: (typeof COLS)[number], head: boolean) => {
  const k = STICKY[c];
  if (!k) return {};
  return {
    // A header cell keeps the sticky header's own background (MUI stickyHeader); above both the header and the body.
    position: 'sticky', left: k.left, width: k.width, minWidth: k.width, maxWidth: k.width, zIndex: head ? 3 : 1, ...(head ? {} : { bgcolor: 'background.paper' }),
    ...(c === 'name' ? { borderRight: 1, borderRightColor: 'divider' } : {}),
  } as const;
};

export function PreviewTable(props: { rows: ImportRow[] }) {
  const { t } = useTranslation();
  const filter = useImportStore((s) => s.filter);
  const forced = useImportStore((s) => s.forced);
  const toggleForce = useImportStore((s) => s.toggleForce);
  const committing = useImportStore((s) => s.committing);
  const rows = useMemo(() => (filter === 'all' ? props.rows : props.rows.filter((r) => r.outcome === filter)), [props.rows, filter]);
  const forcedSet = useMemo(() => new Set(forced), [forced]);
  const parentRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUALISE_ABOVE;
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
    getItemKey: (i) => rows[i]?.sheetRow ?? i,
    initialRect: { width: 1200, height: 700 },
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const padTop = virtual && items.length ? items[0].start : 0;
  const padBottom = virtual && items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  const renderRow = (r: ImportRow, index?: number) => (
    <PreviewRow
      key={r.sheetRow}
      row={r}
      index={index}
      measure={virtual ? virtualizer.measureElement : undefined}
      forced={forcedSet.has(r.sheetRow)}
      disabled={committing}
      onToggle={toggleForce}
    />
  );

  return (
    <Paper variant="outlined">
      <TableContainer ref={parentRef} sx={{ maxHeight: '65vh' }}>
        <Table size="small" stickyHeader aria-label={t('import.table.caption')} data-testid="import-table">
          <TableHead>
            <TableRow>
              {COLS.map((c) => (
                <TableCell key={c} sx={{ whiteSpace: c === 'force' ? 'normal' : 'nowrap', fontWeight: 600, ...(c === 'force' ? { minWidth: 90 } : {}), ...stickySx(c, true) }} align={c === 'capital' ? 'right' : 'left'}>
                  {t(`import.table.${c}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLS.length} sx={{ py: 4, textAlign: 'center', color: 'text.secondary' }} data-testid="import-empty">
                  {props.rows.length === 0 ? t('import.table.noRows') : t('import.table.empty')}
                </TableCell>
              </TableRow>
            )}
            {virtual ? (
              <>
                {padTop > 0 && (
                  <TableRow aria-hidden="true">
                    <TableCell colSpan={COLS.length} sx={{ p: 0, border: 0, height: padTop }} />
                  </TableRow>
                )}
                {items.map((it) => renderRow(rows[it.index], it.index))}
                {padBottom > 0 && (
                  <TableRow aria-hidden="true">
                    <TableCell colSpan={COLS.length} sx={{ p: 0, border: 0, height: padBottom }} />
                  </TableRow>
                )}
              </>
            ) : (
              rows.map((r) => renderRow(r))
            )}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

const PreviewRow = memo(function PreviewRow(props: {
  row: ImportRow;
  index?: number;
  measure?: (el: Element | null) => void;
  forced: boolean;
  disabled: boolean;
  onToggle: (sheetRow: number) => void;
}) {
  const { t } = useTranslation();
  const { row: r } = props;
  const v = r.values;
  const info = r.flags.filter((f) => INFO_FLAGS.includes(f));
  const dash = <Typography component="span" color="text.disabled">—</Typography>;
  return (
    <TableRow
      ref={props.measure}
      data-index={props.index}
      data-testid={`import-row-${r.sheetRow}`}
      data-outcome={r.outcome}
      hover
      sx={{ verticalAlign: 'top', ...(r.outcome === 'duplicate' ? { '& td': { color: 'text.secondary' } } : {}) }}
    >
      <TableCell sx={{ whiteSpace: 'nowrap', ...stickySx('sheetRow', false) }}>{r.sheetRow}</TableCell>
      <TableCell sx={{ overflowWrap: 'anywhere', ...stickySx('seq', false) }}>{r.seq ?? dash}</TableCell>
      <TableCell sx={{ overflowWrap: 'anywhere', ...stickySx('name', false) }}>{v.name ?? dash}</TableCell>
      <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{v.uscc ?? dash}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        {v.city ? cityLabel(v.city) : dash}
        {v.district ? <Typography component="div" variant="body2" color="text.secondary">{v.district}</Typography> : null}
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        {v.capitalYuan != null ? v.capitalYuan.toLocaleString('zh-CN') : dash}
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{v.founded ?? dash}</TableCell>
      <TableCell>
        <Chip size="small" label={t(`import.outcome.${r.outcome}`)} color={OUTCOME_COLOR[r.outcome]} data-testid={`import-outcome-${r.sheetRow}`} />
      </TableCell>
      <TableCell sx={{ minWidth: 240 }}>
        {r.reasons.map((reason, i) => (
          <Typography key={i} variant="body2" sx={{ color: r.outcome === 'flagged' ? 'warning.dark' : undefined }}>
            {messageText(reason, reason.text)}
          </Typography>
        ))}
        {info.length > 0 && (
          <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: r.reasons.length ? 0.5 : 0 }}>
            {info.map((f) => (
              <Chip key={f} size="small" variant="outlined" label={importFlagLabel(f)} />
            ))}
          </Stack>
        )}
      </TableCell>
      <TableCell padding="checkbox" sx={{ pr: 1, minWidth: 90 }}>
        {r.outcome === 'flagged' && r.canForce ? (
          <Box component="label" sx={{ display: 'inline-flex', alignItems: 'center', cursor: 'pointer', pr: 1 }}>
            <Checkbox
              size="small"
              checked={props.forced}
              disabled={props.disabled}
              onChange={() => props.onToggle(r.sheetRow)}
              slotProps={{ input: { 'aria-label': t('import.table.forceLabel', { row: r.sheetRow }), ...({ 'data-testid': `import-force-${r.sheetRow}` } as object) } }}
            />
            <Typography variant="body2">{t('import.table.force')}</Typography>
          </Box>
        ) : null}
      </TableCell>
    </TableRow>
  );
});
