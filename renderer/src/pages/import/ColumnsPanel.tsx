/**
 * Every column of the sheet and where it goes: a client field, 其他信息 (kept per client), ignored by the user's
 * choice, or nothing (empty column). A column that feeds no field can be ignored or taken back with its checkbox.
 */
import { useTranslation } from 'react-i18next';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type { ImportPreview } from '../../../../shared/contract';
import { useImportStore } from '../../stores/import-store';

const COLOR = { field: 'success', extra: 'info', ignored: 'default', empty: 'default' } as const;

/** The column list of a preview (collapsed by default, summary in the title). */
export function ColumnsPanel(props: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const toggleIgnore = useImportStore((s) => s.toggleIgnore);
  const busy = useImportStore((s) => s.loading || s.committing);
  const cols = props.preview.columns;
  const count = (d: string) => cols.filter((c) => c.destination === d).length;
  return (
    <Accordion variant="outlined" disableGutters data-testid="import-columns">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography sx={{ fontWeight: 600, mr: 2 }}>{t('import.columns.title')}</Typography>
        <Typography color="text.secondary">
          {t('import.columns.summary', { total: cols.length, field: count('field'), extra: count('extra'), ignored: count('ignored') })}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('import.columns.help')}
        </Typography>
        <Table size="small" aria-label={t('import.columns.title')}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ fontWeight: 600 }}>{t('import.columns.column')}</TableCell>
              <TableCell sx={{ fontWeight: 600 }}>{t('import.columns.header')}</TableCell>
              <TableCell sx={{ fontWeight: 600 }}>{t('import.columns.destination')}</TableCell>
              <TableCell sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{t('import.columns.ignore')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {cols.map((c) => (
              <TableRow key={c.index} data-testid={`import-column-${c.index}`} data-destination={c.destination}>
                <TableCell>{c.letter}</TableCell>
                <TableCell>{c.header || <Typography component="span" color="text.disabled">{t('import.mapping.untitled')}</Typography>}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    color={COLOR[c.destination]}
                    variant={c.destination === 'field' || c.destination === 'extra' ? 'filled' : 'outlined'}
                    label={c.field ? t('import.columns.toField', { field: t(`import.fields.${c.field}`) }) : t(`import.columns.${c.destination}`)}
                  />
                </TableCell>
                <TableCell padding="checkbox">
                  {(c.destination === 'extra' || c.destination === 'ignored') && (
                    <Checkbox
                      size="small"
                      checked={c.destination === 'ignored'}
                      disabled={busy}
                      onChange={() => void toggleIgnore(c.index)}
                      slotProps={{ input: { 'aria-label': t('import.columns.ignoreLabel', { col: c.letter, header: c.header }) } }}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </AccordionDetails>
    </Accordion>
  );
}
