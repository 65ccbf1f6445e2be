/**
 * The 导入台账 page ('#/import'): import a consultant's client spreadsheet (.xlsx / .csv) in three steps —
 * 1 choose a file (button or drag & drop), 2 check the preview (outcome per row, editable column mapping, "仍然导入"
 * for flagged rows that may be forced), 3 import and see what was imported and what was skipped, with reasons.
 * State lives in stores/import-store.ts.
 */
import { useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { IMPORT_FIELDS, type ImportField, type ImportPreview } from '../../../shared/contract';
import { commitCount, useImportStore, type ImportError, type OutcomeFilter } from '../stores/import-store';
import { ColumnsPanel } from './import/ColumnsPanel';
import { ReadProgress } from './import/ReadProgress';
import { ResultStep } from './import/ResultStep';
import { PreviewTable } from './import/PreviewTable';

/** Fields the register needs; shown with * in the mapping. */
const REQUIRED_FIELDS: readonly ImportField[] = ['name', 'uscc', 'city'];

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
function columnLetter(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * The import page (no props; routed by '#/import'). Keyboard: every control is reachable with Tab; the file is chosen
 * with the 选择文件 button (Enter/Space) or dropped on the drop zone. Errors from the service (BAD_FILE …) are shown
 * with their Chinese message and a 选择其他文件 button.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const step = useImportStore((s) => s.step);
  const error = useImportStore((s) => s.error);
  const loading = useImportStore((s) => s.loading);
  const file = useImportStore((s) => s.file);
  const loadFile = useImportStore((s) => s.loadFile);
  const reset = useImportStore((s) => s.reset);
  const inputRef = useRef<HTMLInputElement>(null);

  const pickAnother = () => {
    reset();
    inputRef.current?.click();
  };

  const activeStep = step === 'pick' ? 0 : step === 'preview' ? 1 : 2;

  return (
    <Box sx={{ maxWidth: 1400, mx: 'auto' }} data-testid="import-page">
      <Typography variant="h5" component="h1" sx={{ mb: 0.5 }}>
        {t('import.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('import.subtitle')}
      </Typography>
      <Stepper activeStep={activeStep} sx={{ mb: 2, maxWidth: 720 }}>
        {(['pick', 'preview', 'result'] as const).map((s, i) => (
          <Step key={s} completed={activeStep > i}>
            <StepLabel>{t(`import.steps.${s}`)}</StepLabel>
          </Step>
        ))}
      </Stepper>

      <input
        ref={inputRef}
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        data-testid="import-file-input"
        aria-label={t('import.pick.button')}
        tabIndex={-1}
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden', pointerEvents: 'none' }}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = ''; // so the same file can be chosen again
          if (f) void loadFile(f);
        }}
      />

      {error && <ErrorAlert error={error} onPickAnother={pickAnother} />}

      {step === 'pick' && <PickStep loading={loading} fileName={file?.fileName ?? null} onPick={() => inputRef.current?.click()} onDropFile={(f) => void loadFile(f)} />}
      {step === 'preview' && <PreviewStep onPickAnother={pickAnother} />}
      {step === 'result' && <ResultStep onAgain={reset} />}
    </Box>
  );
}

function ErrorAlert(props: { error: ImportError; onPickAnother: () => void }) {
  const { t } = useTranslation();
  const { error } = props;
  const message = error.local ? t(`import.pick.${error.local.key}`, error.local.params) : error.message;
  return (
    <Alert
      severity="error"
      role="alert"
      data-testid="import-error"
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" size="small" onClick={props.onPickAnother} data-testid="import-pick-another">
          {t('import.pick.another')}
        </Button>
      }
    >
      <AlertTitle>{t('import.errors.title')}</AlertTitle>
      {message}
    </Alert>
  );
}

function PickStep(props: { loading: boolean; fileName: string | null; onPick: () => void; onDropFile: (f: File) => void }) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const onDrag = (e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    if (!over) setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files?.[0];
    if (f && !props.loading) props.onDropFile(f);
  };
  return (
    <Paper
      variant="outlined"
      data-testid="import-dropzone"
      onDragEnter={onDrag}
      onDragOver={onDrag}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      sx={{
        p: 5,
        textAlign: 'center',
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'primary.main' : 'divider',
        bgcolor: over ? 'action.hover' : 'background.paper',
        transition: 'background-color 120ms, border-color 120ms',
      }}
    >
      <UploadFileIcon color={over ? 'primary' : 'action'} sx={{ fontSize: 48, mb: 1 }} />
      {props.loading ? (
        <Box sx={{ maxWidth: 480, mx: 'auto' }} aria-live="polite">
          <Typography sx={{ mb: 1.5 }}>{t('import.pick.reading', { fileName: props.fileName ?? '' })}</Typography>
          <ReadProgress testId="import-loading" />
        </Box>
      ) : (
        <>
          <Typography sx={{ mb: 1.5 }}>{over ? t('import.pick.dropActive') : t('import.pick.drop')}</Typography>
          <Button variant="contained" startIcon={<UploadFileIcon />} onClick={props.onPick} data-testid="import-pick" autoFocus>
            {t('import.pick.button')}
          </Button>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2, maxWidth: 640, mx: 'auto' }}>
            {t('import.pick.hint')}
          </Typography>
        </>
      )}
    </Paper>
  );
}

function PreviewStep(props: { onPickAnother: () => void }) {
  const { t } = useTranslation();
  const preview = useImportStore((s) => s.preview)!;
  const loading = useImportStore((s) => s.loading);
  const committing = useImportStore((s) => s.committing);
  const forced = useImportStore((s) => s.forced);
  const commit = useImportStore((s) => s.commit);
  const n = commitCount(preview, forced);
  const forcedCount = useMemo(() => {
    const f = new Set(forced);
    return preview.rows.filter((r) => r.outcome === 'flagged' && r.canForce && f.has(r.sheetRow)).length;
  }, [preview, forced]);

  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <Typography sx={{ fontWeight: 600 }} data-testid="import-file-name">
            {preview.fileName}
          </Typography>
          {preview.sheetName && <Typography variant="body2" color="text.secondary">{t('import.file.sheet', { sheet: preview.sheetName })}</Typography>}
          {preview.encoding && <Typography variant="body2" color="text.secondary">{t('import.file.encoding', { encoding: preview.encoding })}</Typography>}
          <Typography variant="body2" color="text.secondary">{t('import.file.headerRow', { row: preview.headerRow })}</Typography>
          <Box sx={{ flex: 1 }} />
          <Button size="small" onClick={props.onPickAnother} disabled={committing}>
            {t('import.pick.another')}
          </Button>
        </Stack>
      </Paper>

      <MappingEditor preview={preview} />
      <ColumnsPanel preview={preview} />

      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <SummaryChips summary={preview.summary} />
        <Box sx={{ flex: 1 }} />
        {forcedCount > 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('import.commit.forced', { n: forcedCount, count: forcedCount })}
          </Typography>
        )}
        <Button variant="contained" onClick={() => void commit()} disabled={n === 0 || committing || loading} data-testid="import-commit">
          {committing ? t('import.commit.running') : n === 0 ? t('import.commit.nothing') : t('import.commit.button', { n, count: n })}
        </Button>
      </Stack>
      {(loading || committing) && (
        <Box aria-live="polite">
          <ReadProgress testId={committing ? 'import-committing' : 'import-loading'} />
          <Typography variant="caption" color="text.secondary">
            {committing ? t('import.commit.running') : t('import.mapping.reloading')}
          </Typography>
        </Box>
      )}

      <PreviewTable rows={preview.rows} />
    </Stack>
  );
}

function SummaryChips(props: { summary: ImportPreview['summary'] }) {
  const { t } = useTranslation();
  const filter = useImportStore((s) => s.filter);
  const setFilter = useImportStore((s) => s.setFilter);
  const s = props.summary;
  const chips: { key: OutcomeFilter; label: string; color: 'default' | 'success' | 'warning' }[] = [
    { key: 'all', label: t('import.summary.all', { n: s.total }), color: 'default' },
    { key: 'import', label: t('import.summary.import', { n: s.import }), color: 'success' },
    { key: 'flagged', label: t('import.summary.flagged', { n: s.flagged }), color: 'warning' },
    { key: 'duplicate', label: t('import.summary.duplicate', { n: s.duplicate }), color: 'default' },
  ];
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="import-summary" role="group" aria-label={t('import.summary.filterHint')}>
      {chips.map((c) => (
        <Tooltip key={c.key} title={t('import.summary.filterHint')}>
          <Chip
            label={c.label}
            color={c.color}
            variant={filter === c.key ? 'filled' : 'outlined'}
            onClick={() => setFilter(filter === c.key ? 'all' : c.key)}
            aria-pressed={filter === c.key}
            data-testid={`import-filter-${c.key}`}
          />
        </Tooltip>
      ))}
    </Stack>
  );
}

function MappingEditor(props: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const mapping = useImportStore((s) => s.mapping);
  const setMapping = useImportStore((s) => s.setMapping);
  const committing = useImportStore((s) => s.committing);
  const headers = props.preview.headers;
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  const [open, setOpen] = useState<boolean | null>(null);
  const expanded = open ?? missing.length > 0;
  const mapped = IMPORT_FIELDS.filter((f) => mapping[f] !== undefined).length;

  return (
    <Accordion expanded={expanded} onChange={(_, v) => setOpen(v)} variant="outlined" disableGutters data-testid="import-mapping">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography sx={{ fontWeight: 600, mr: 2 }}>{t('import.mapping.title')}</Typography>
        <Typography color="text.secondary">{t('import.mapping.summary', { mapped })}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('import.mapping.help')}
        </Typography>
        {missing.map((f) => (
          <Alert key={f} severity="warning" sx={{ mb: 1 }}>
            {t('import.mapping.requiredMissing', { field: t(`import.fields.${f}`) })}
          </Alert>
        ))}
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0,1fr))', md: 'repeat(4, minmax(0,1fr))' } }}>
          {IMPORT_FIELDS.map((f) => (
            <TextField
              key={f}
              select
              size="small"
              label={`${t(`import.fields.${f}`)}${REQUIRED_FIELDS.includes(f) ? ' *' : ''}`}
              value={mapping[f] === undefined ? '' : String(mapping[f])}
              onChange={(e) => void setMapping(f, e.target.value === '' ? null : Number(e.target.value))}
              disabled={committing}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': `import-map-${f}` } }}
            >
              <option value="">{t('import.mapping.none')}</option>
              {headers.map((h, i) => (
                <option key={i} value={String(i)}>
                  {t('import.mapping.column', { col: columnLetter(i), header: h || t('import.mapping.untitled') })}
                </option>
              ))}
            </TextField>
          ))}
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
