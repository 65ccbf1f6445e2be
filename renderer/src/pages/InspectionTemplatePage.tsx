/**
 * Settings → the site-inspection checklist template ('#/settings/inspection-template', spec §6 *rule, user-editable*):
 * add items, edit their text / section / evidence, move them up and down within a section, retire and restore them.
 * Only inspections scheduled afterwards use the changes; scheduled ones keep their own copy.
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, IconButton, MenuItem, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import ArrowUpIcon from '@mui/icons-material/ArrowUpward';
import ArrowDownIcon from '@mui/icons-material/ArrowDownward';
import { useTranslation } from 'react-i18next';
import type { InspectionTemplateRow } from '../../../shared/contracts/inspections';
import { EVIDENCE_KINDS, INSPECTION_SECTIONS, type EvidenceKind, type InspectionSection } from '../../../shared/domain/inspection';
import { useInspectionsStore } from '../stores/inspections-store';
import { useSubmit } from '../components/use-submit';
import { enterBlurs } from '../components/keys';
import { inspectionItemText, isEnglish } from '../i18n/domain';

export function InspectionTemplatePage() {
  const { t } = useTranslation();
  const { template, error, loadTemplate, templateAction } = useInspectionsStore();
  const [section, setSection] = useState<InspectionSection>('premises');
  const [text, setText] = useState('');
  const [evidence, setEvidence] = useState<EvidenceKind>('none');
  useEffect(() => { void loadTemplate().catch(() => undefined); }, [loadTemplate]);
  const active = template.filter((r) => !r.retired);
  const retired = template.filter((r) => r.retired);
  const { run: add, pending: adding } = useSubmit(async () => {
    if (text.trim().length < 2) return;
    await templateAction('inspectionTemplate.create', { section, text: text.trim(), evidence });
    setText('');
  });
  /** Swaps `row` with its neighbour in the same section (dir −1 up, +1 down) and saves the whole order. */
  const move = (row: InspectionTemplateRow, dir: -1 | 1) => {
    const peers = active.filter((r) => r.section === row.section);
    const k = peers.findIndex((r) => r.id === row.id);
    const other = peers[k + dir];
    if (!other) return;
    const ids = template.map((r) => r.id);
    const a = ids.indexOf(row.id);
    const b = ids.indexOf(other.id);
    [ids[a], ids[b]] = [ids[b], ids[a]];
    void templateAction('inspectionTemplate.setOrder', { ids }).catch(() => undefined);
  };
  return (
    <Stack spacing={2} sx={{ maxWidth: 1000 }} data-testid="insp-template">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button onClick={() => history.back()}>← {t('inspection.template.back')}</Button>
        <Typography variant="h5">{t('inspection.template.title')}</Typography>
      </Stack>
      <Alert severity="info">{t('inspection.template.hint')}</Alert>
      {error && <Alert severity="error">{error}</Alert>}
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} component="form" onSubmit={(e) => { e.preventDefault(); void add(); }}>
          <SectionSelect value={section} onChange={setSection} labelled />
          <TextField size="small" sx={{ flex: 1 }} label={t('inspection.template.text')} value={text} onChange={(e) => setText(e.target.value)} slotProps={{ htmlInput: { maxLength: 60, 'data-testid': 'tpl-new-text' } }} />
          <EvidenceSelect value={evidence} onChange={setEvidence} labelled />
          <Button type="submit" variant="contained" disabled={text.trim().length < 2 || adding} data-testid="tpl-add">{t('inspection.template.add')}</Button>
        </Stack>
      </Paper>
      {INSPECTION_SECTIONS.map((s) => {
        const rows = active.filter((r) => r.section === s.key);
        return (
          <Paper key={s.key} variant="outlined">
            <Typography variant="subtitle2" sx={{ bgcolor: 'grey.100', px: 1.5, py: 0.75 }}>{t(`inspection.section.${s.key}`)}</Typography>
            {rows.map((r, k) => <TemplateRow key={r.id} row={r} first={k === 0} last={k === rows.length - 1} onMove={(d) => move(r, d)} />)}
          </Paper>
        );
      })}
      {retired.length > 0 && (
        <Paper variant="outlined">
          <Typography variant="subtitle2" sx={{ bgcolor: 'grey.100', px: 1.5, py: 0.75 }}>{t('inspection.template.retiredTitle')}</Typography>
          {retired.map((r) => (
            <Stack key={r.id} direction="row" spacing={1} sx={{ alignItems: 'center', px: 1.5, py: 0.5, color: 'text.disabled' }} data-testid={`tpl-retired-${r.key}`}>
              <Typography variant="body2" sx={{ flex: 1, textDecoration: 'line-through' }}>{t(`inspection.section.${r.section}`)} · {inspectionItemText({ templateKey: r.key, text: r.text })}</Typography>
              <Button size="small" onClick={() => void templateAction('inspectionTemplate.setRetired', { id: r.id, retired: false }).catch(() => undefined)}>{t('inspection.template.restore')}</Button>
            </Stack>
          ))}
        </Paper>
      )}
    </Stack>
  );
}

function TemplateRow({ row, first, last, onMove }: { row: InspectionTemplateRow; first: boolean; last: boolean; onMove: (dir: -1 | 1) => void }) {
  const { t } = useTranslation();
  const templateAction = useInspectionsStore((s) => s.templateAction);
  const [text, setText] = useState(row.text);
  useEffect(() => setText(row.text), [row.text]);
  const save = (patch: Partial<Pick<InspectionTemplateRow, 'text' | 'section' | 'evidence'>>) =>
    void templateAction('inspectionTemplate.update', { id: row.id, section: row.section, text: row.text, evidence: row.evidence, ...patch }).catch(() => setText(row.text));
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 1.5, py: 0.5, borderTop: 1, borderColor: 'divider' }} data-testid={`tpl-row-${row.key}`}>
      <TextField
        size="small" sx={{ flex: 1 }} value={text} onChange={(e) => setText(e.target.value)}
        onBlur={() => { if (text.trim() !== row.text && text.trim().length >= 2) save({ text: text.trim() }); else setText(row.text); }}
        onKeyDown={enterBlurs}
        // The text is what the (Chinese) prep sheet prints; the English UI shows its English meaning under it.
        helperText={isEnglish() ? inspectionItemText({ templateKey: row.key, text: row.text }) : undefined}
        slotProps={{ htmlInput: { maxLength: 60, 'aria-label': t('inspection.template.text') } }}
      />
      <SectionSelect value={row.section} onChange={(v) => save({ section: v })} />
      <EvidenceSelect value={row.evidence} onChange={(v) => save({ evidence: v })} />
      <Tooltip title={t('inspection.template.up')}><span><IconButton size="small" disabled={first} onClick={() => onMove(-1)} aria-label={t('inspection.template.up')}><ArrowUpIcon fontSize="small" /></IconButton></span></Tooltip>
      <Tooltip title={t('inspection.template.down')}><span><IconButton size="small" disabled={last} onClick={() => onMove(1)} aria-label={t('inspection.template.down')} data-testid={`tpl-down-${row.key}`}><ArrowDownIcon fontSize="small" /></IconButton></span></Tooltip>
      <Box>
        <Button size="small" color="warning" onClick={() => void templateAction('inspectionTemplate.setRetired', { id: row.id, retired: true }).catch(() => undefined)} data-testid={`tpl-retire-${row.key}`}>
          {t('inspection.template.retire')}
        </Button>
      </Box>
    </Stack>
  );
}

/** `labelled`: show the field label (the add form); rows rely on the aria-label to keep the list compact. */
function SectionSelect({ value, onChange, labelled = false }: { value: InspectionSection; onChange: (v: InspectionSection) => void; labelled?: boolean }) {
  const { t } = useTranslation();
  const label = t('inspection.template.section');
  return (
    <TextField select size="small" sx={{ width: 190 }} label={labelled ? label : undefined} value={value} onChange={(e) => onChange(e.target.value as InspectionSection)} slotProps={{ htmlInput: { 'aria-label': label } }}>
      {INSPECTION_SECTIONS.map((s) => <MenuItem key={s.key} value={s.key}>{t(`inspection.section.${s.key}`)}</MenuItem>)}
    </TextField>
  );
}

function EvidenceSelect({ value, onChange, labelled = false }: { value: EvidenceKind; onChange: (v: EvidenceKind) => void; labelled?: boolean }) {
  const { t } = useTranslation();
  const label = t('inspection.template.evidence');
  return (
    <TextField select size="small" sx={{ width: 210 }} label={labelled ? label : undefined} value={value} onChange={(e) => onChange(e.target.value as EvidenceKind)} slotProps={{ htmlInput: { 'aria-label': label } }}>
      {EVIDENCE_KINDS.map((k) => <MenuItem key={k} value={k}>{t(`inspection.template.evidenceKind.${k}`)}</MenuItem>)}
    </TextField>
  );
}
