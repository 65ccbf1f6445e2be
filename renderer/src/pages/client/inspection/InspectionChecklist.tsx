/**
 * One inspection's preparation checklist, grouped by section (场地 / 设备 / 人员 / 制度落地 / 材料): a checkbox, a note
 * and, for the office-area item, the measured area in m² — red when below the minimum (spec §3: 50 m²). Each change
 * is saved through the API (and recorded in the timeline); text fields save on blur or Enter. The item's text is the
 * checkbox's label, so clicking it ticks the item.
 */
import { useEffect, useState } from 'react';
import { Box, Checkbox, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Inspection, InspectionItem } from '../../../../../shared/contracts/inspections';
import { INSPECTION_SECTIONS, MIN_OFFICE_AREA } from '../../../../../shared/domain/inspection';
import { useInspectionsStore } from '../../../stores/inspections-store';
import { enterBlurs } from '../../../components/keys';
import { inspectionItemText } from '../../../i18n/domain';

const GRID = '44px minmax(260px,2fr) 190px minmax(180px,1.5fr)';

export function InspectionChecklist({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  return (
    <Box data-testid="insp-checklist">
      {INSPECTION_SECTIONS.map((s) => {
        const items = inspection.items.filter((i) => i.section === s.key);
        if (!items.length) return null;
        return (
          <Box key={s.key} sx={{ mb: 1 }}>
            <Typography variant="subtitle2" sx={{ bgcolor: 'grey.100', px: 1, py: 0.5 }}>{t(`inspection.section.${s.key}`)}</Typography>
            {items.map((i) => <ItemRow key={i.id} item={i} />)}
          </Box>
        );
      })}
    </Box>
  );
}


function ItemRow({ item }: { item: InspectionItem }) {
  const { t } = useTranslation();
  const setItem = useInspectionsStore((s) => s.setItem);
  const [note, setNote] = useState(item.note ?? '');
  const [area, setArea] = useState(item.measuredAreaM2 === null ? '' : String(item.measuredAreaM2));
  useEffect(() => setNote(item.note ?? ''), [item.note]);
  useEffect(() => setArea(item.measuredAreaM2 === null ? '' : String(item.measuredAreaM2)), [item.measuredAreaM2]);
  const tag = item.templateKey ?? String(item.id);
  const inputId = `insp-check-input-${item.id}`;
  const saveNote = () => {
    const v = note.trim() || null;
    if (v !== item.note) void setItem(item, { note: v }).catch(() => setNote(item.note ?? ''));
  };
  const saveArea = () => {
    const raw = area.trim().replace(/[㎡m²\s]/g, '');
    const v = raw === '' ? null : Number(raw);
    if (v !== null && (!Number.isFinite(v) || v < 0)) return setArea(item.measuredAreaM2 === null ? '' : String(item.measuredAreaM2));
    if (v !== item.measuredAreaM2) void setItem(item, { measuredAreaM2: v }).catch(() => undefined);
  };
  return (
    <Box
      data-testid={`insp-item-${tag}`} data-flagged={item.flagged ? 'true' : 'false'}
      sx={{ display: 'grid', gridTemplateColumns: GRID, gap: 1, alignItems: 'center', px: 1, py: 0.25, borderBottom: 1, borderColor: 'divider', bgcolor: item.flagged ? '#fdecea' : undefined }}
    >
      <Checkbox
        checked={item.checked} onChange={(e) => void setItem(item, { checked: e.target.checked }).catch(() => undefined)}
        slotProps={{ input: { id: inputId, 'aria-label': inspectionItemText(item), ...({ 'data-testid': `insp-check-${tag}` } as object) } }}
      />
      {/* The text is the checkbox's label: clicking it ticks the item; Tab reaches the box and Space ticks it. */}
      <Typography
        component="label" htmlFor={inputId} variant="body2" data-testid={`insp-text-${tag}`}
        sx={{ cursor: 'pointer', userSelect: 'none', color: item.flagged ? 'error.main' : undefined, fontWeight: item.flagged ? 600 : undefined }}
      >
        {inspectionItemText(item)}
      </Typography>
      {item.evidence === 'area_m2' ? (
        <TextField
          size="small" label={t('inspection.area')} value={area} onChange={(e) => setArea(e.target.value)} onBlur={saveArea} onKeyDown={enterBlurs}
          error={item.flagged}
          helperText={item.flagged ? t('inspection.areaLow', { min: MIN_OFFICE_AREA.valueM2 }) : t('inspection.areaHint', { min: MIN_OFFICE_AREA.valueM2 })}
          slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': `insp-area-${tag}` }, formHelperText: { sx: { mx: 0 } } }}
        />
      ) : <span />}
      <TextField
        size="small" value={note} placeholder={t('inspection.itemNote')} onChange={(e) => setNote(e.target.value)} onBlur={saveNote} onKeyDown={enterBlurs}
        slotProps={{ htmlInput: { 'data-testid': `insp-note-${tag}`, maxLength: 500, 'aria-label': `${inspectionItemText(item)} ${t('inspection.itemNote')}` } }}
      />
    </Box>
  );
}
