/**
 * The materials checklist of one client, grouped A–D: status (only allowed moves offered), the 全/准/清 checks,
 * a note and a due date per item, and the item's files (attach by drag and drop onto the item, the file picker, or
 * pasting an image while the item is focused). Every change goes through the API and is recorded in the events log.
 */
import { memo, useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, MenuItem, Select, Snackbar, Stack, TextField, Tooltip, Typography, Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Material } from '../../../../shared/contract';
import { canMoveMaterial, MATERIAL_GROUPS, MATERIAL_TRANSITIONS } from '../../../../shared/domain/materials';
import { useAppStore } from '../../stores/app-store';
import { useClientStore } from '../../stores/client-store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { enterBlurs } from '../../components/keys';
import { DateField } from '../../components/pickers/DateField';
import { AttachmentTiles } from './attachments/AttachmentTiles';
import { AttachmentViewer } from './attachments/AttachmentViewer';
import { PackageDialog } from './attachments/PackageDialog';
import { useAttachmentsStore } from './attachments/attachments-store';
import { materialHint, materialTitle } from '../../i18n/domain';
import { prefetchStoredThumbnails } from './attachments/thumbnails';

const STATUS_COLOR: Record<Material['status'], 'default' | 'info' | 'primary' | 'success' | 'warning' | 'secondary'> = {
  missing: 'default', received: 'info', checked: 'primary', submitted: 'secondary', accepted: 'success', correction: 'warning',
};
// The status column fits the longest status chip in either language (“Correction requested”) without cutting it.
const GRID = 'minmax(240px,2fr) 200px 150px minmax(160px,1.5fr) 190px';

/** The last status change, kept for a few seconds so it can be undone (when the lifecycle allows the move back). */
interface LastChange { m: Material; from: Material['status']; to: Material['status'] }

export function MaterialsPanel() {
  const { t } = useTranslation();
  const materials = useClientStore((s) => s.materials);
  const setStatus = useClientStore((s) => s.setStatus);
  const today = useAppStore((s) => s.today);
  const [last, setLast] = useState<LastChange | null>(null);
  /** The effective date of the status changes made here: today unless the consultant back-dates them. */
  const [on, setOn] = useState('');
  const effective = on && on < today ? on : null;
  const clientId = useClientStore((s) => s.id);
  const notices = useAttachmentsStore((s) => s.notices);
  const removed = useAttachmentsStore((s) => s.removed);
  const { dismiss, undoRemove, dismissRemoved } = useAttachmentsStore.getState();
  const [askReceived, setAskReceived] = useState<Material | null>(null);
  const [packaging, setPackaging] = useState(false);
  useEffect(() => {
    if (clientId === null) return;
    void prefetchStoredThumbnails(clientId); // side by side with the list: tiles show stored thumbnails as they appear
    void useAttachmentsStore.getState().load(clientId);
  }, [clientId]);
  // The rows' callbacks are stable (they name their item), so a change to one item re-renders only that row.
  /** Attaches files to an item; a 待收集 item then offers to be marked 已收到. */
  const attach = useCallback((m: Material, files: File[]) => {
    void useAttachmentsStore.getState().add(m.id, files).then((n) => { if (n > 0 && m.status === 'missing') setAskReceived(m); });
  }, []);
  /** Electron: the main process's open dialog attaches the chosen files; the same offer follows. */
  const pickFor = useCallback((m: Material) => {
    void useAttachmentsStore.getState().pick(m.id, `${m.itemKey} ${m.title}`).then((n) => { if (n > 0 && m.status === 'missing') setAskReceived(m); });
  }, []);
  const markReceived = (m: Material) => {
    setAskReceived(null);
    void setStatus(m, 'received', effective).then(() => onChanged({ m, from: 'missing', to: 'received' })).catch(() => undefined);
  };
  const onChanged = useCallback((c: LastChange) => setLast(canMoveMaterial(c.to, c.from) ? c : null), []);
  const undo = () => {
    if (!last) return;
    const current = materials.find((x) => x.id === last.m.id);
    if (current) void setStatus(current, last.from).catch(() => undefined);
    setLast(null);
  };
  return (
    <Box data-testid="materials">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1, pb: 1 }}>
        <DateField
          size="small" sx={{ width: 190 }} label={t('client.materials.effectiveOn')} value={on || today}
          onChange={(v) => setOn(v > today ? today : v)} max={today} testId="material-effective-on"
        />
        <Typography variant="caption" color={effective ? 'warning.dark' : 'text.secondary'}>
          {effective ? t('client.materials.backdated', { date: effective }) : t('client.materials.effectiveHint')}
        </Typography>
      </Box>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
        <Button variant="outlined" size="small" onClick={() => setPackaging(true)} disabled={clientId === null} data-testid="package-open">{t('attachments.package.button')}</Button>
      </Box>
      <Stack spacing={0.5} sx={{ mb: notices.length ? 1 : 0 }} data-testid="attachment-notices" aria-live="polite">
        {notices.map((n) => <Alert key={n.id} severity={n.severity} onClose={() => dismiss(n.id)} data-testid={`notice-${n.key}`}>{t(`attachments.${n.key}`, n.values)}</Alert>)}
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: GRID, gap: 1, px: 1, py: 0.5, fontWeight: 600, fontSize: 14, color: 'text.secondary' }}>
        <span>{t('client.tabs.materials')}</span><span>{t('client.materials.status')}</span><span>{t('client.materials.checks')}</span><span>{t('client.materials.note')}</span><span>{t('client.materials.due')}</span>
      </Box>
      {MATERIAL_GROUPS.map((g) => {
        const items = materials.filter((m) => m.group === g.key);
        if (!items.length) return null;
        return (
          <Box key={g.key} sx={{ mb: 1 }}>
            <Typography variant="subtitle2" sx={{ bgcolor: 'grey.100', px: 1, py: 0.5 }}>{t(`common.group.${g.key}`)}</Typography>
            {items.map((m) => <MaterialRow key={m.id} m={m} on={effective} onStatusChanged={onChanged} onFiles={attach} onPick={pickFor} />)}
          </Box>
        );
      })}
      <Snackbar
        open={!!last}
        autoHideDuration={6000}
        onClose={() => setLast(null)}
        message={last ? t('client.materials.changed', { title: materialTitle(last.m), status: t(`common.status.${last.to}`) }) : ''}
        action={<Button color="secondary" size="small" onClick={undo} data-testid="material-undo">{t('client.materials.undo')}</Button>}
      />
      <Snackbar
        open={!!removed}
        autoHideDuration={8000}
        onClose={(_, reason) => { if (reason !== 'clickaway') dismissRemoved(); }}
        message={removed ? t('attachments.removed', { fileName: removed.attachment.fileName }) : ''}
        action={<Button color="secondary" size="small" onClick={() => void undoRemove()} data-testid="attachment-undo">{t('attachments.undo')}</Button>}
      />
      <ConfirmDialog
        open={!!askReceived}
        title={t('attachments.markReceivedTitle')}
        body={askReceived ? t('attachments.markReceivedBody', { title: materialTitle(askReceived), date: effective ?? today }) : ''}
        confirmLabel={t('attachments.markReceived')}
        onClose={() => setAskReceived(null)}
        onConfirm={() => { if (askReceived) markReceived(askReceived); }}
      />
      <AttachmentViewer />
      {clientId !== null && <PackageDialog clientId={clientId} open={packaging} onClose={() => setPackaging(false)} />}
    </Box>
  );
}

/** Files carried by a drag or a paste (none when it carries only text). */
function filesOf(dt: DataTransfer | null): File[] {
  if (!dt) return [];
  const files = Array.from(dt.files ?? []);
  if (files.length) return files;
  return Array.from(dt.items ?? []).filter((i) => i.kind === 'file').map((i) => i.getAsFile()).filter((f): f is File => !!f);
}

/**
 * One item of the checklist. Memoised: its props are the item (kept as the same object while unchanged, see
 * stores/keep-unchanged.ts), the effective date and the panel's stable callbacks, so it re-renders only when it changed.
 */
const MaterialRow = memo(function MaterialRow({ m, on, onStatusChanged, onFiles, onPick }: {
  m: Material; on: string | null; onStatusChanged: (c: LastChange) => void; onFiles: (m: Material, files: File[]) => void; onPick: (m: Material) => void;
}) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const setStatus = useClientStore((s) => s.setStatus);
  const setChecks = useClientStore((s) => s.setChecks);
  const updateMaterial = useClientStore((s) => s.updateMaterial);
  const [note, setNote] = useState(m.note ?? '');
  const [confirmChecks, setConfirmChecks] = useState(false);
  const options = [m.status, ...MATERIAL_TRANSITIONS[m.status]];
  const allChecked = m.checkComplete && m.checkAccurate && m.checkLegible;
  const move = (to: Material['status']) => void setStatus(m, to, on).then(() => onStatusChanged({ m, from: m.status, to })).catch(() => undefined);
  /** 已核对 means 全, 准 and 清 were checked (spec §4): ask before marking it with checks still open. */
  const checkAllAndMove = async () => {
    setConfirmChecks(false);
    try {
      await setChecks(m, { checkComplete: true, checkAccurate: true, checkLegible: true });
      move('checked');
    } catch { /* the page shows the error */ }
  };
  const saveNote = () => {
    const v = note.trim() || null;
    if (v !== (m.note ?? null)) void updateMaterial(m, { note: v, dueDate: m.dueDate }).catch(() => setNote(m.note ?? ''));
  };
  const title = materialTitle(m);
  const hint = materialHint(m);
  const check = (k: 'checkComplete' | 'checkAccurate' | 'checkLegible', v: boolean) =>
    void setChecks(m, { checkComplete: m.checkComplete, checkAccurate: m.checkAccurate, checkLegible: m.checkLegible, [k]: v }).catch(() => undefined);
  return (
    <Box
      data-testid={`material-${m.itemKey}`}
      tabIndex={0}
      aria-label={`${m.itemKey} ${title}`}
      onDragOver={(e) => { if (Array.from(e.dataTransfer.types).includes('Files')) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; setDragging(true); } }}
      onDragLeave={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false); }}
      onDrop={(e) => { const files = filesOf(e.dataTransfer); setDragging(false); if (files.length) { e.preventDefault(); onFiles(m, files); } }}
      onPaste={(e) => { const files = filesOf(e.clipboardData); if (files.length) { e.preventDefault(); onFiles(m, files); } }}
      sx={{ display: 'grid', gridTemplateColumns: GRID, gap: 1, alignItems: 'center', px: 1, py: 0.5, borderBottom: 1, borderColor: 'divider', outline: dragging ? '2px dashed' : 'none', outlineColor: 'primary.main', bgcolor: dragging ? 'action.hover' : undefined, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' } }}
    >
      <Box>
        <Typography variant="body2">{title}</Typography>
        {hint && <Typography variant="caption" color="text.secondary">{hint}</Typography>}
      </Box>
      <Select
        size="small"
        value={m.status}
        onChange={(e) => {
          const to = e.target.value as Material['status'];
          if (to === 'checked' && !allChecked) setConfirmChecks(true);
          else move(to);
        }}
        renderValue={(v) => <Chip size="small" color={STATUS_COLOR[v]} label={t(`common.status.${v}`)} />}
        inputProps={{ 'data-testid': `material-status-${m.itemKey}`, 'aria-label': `${title} ${t('client.materials.status')}` }}
      >
        {options.map((s) => <MenuItem key={s} value={s} data-testid={`status-option-${s}`}>{t(`common.status.${s}`)}</MenuItem>)}
      </Select>
      <Box sx={{ display: 'flex', alignItems: 'center' }}>
        {(['checkComplete', 'checkAccurate', 'checkLegible'] as const).map((k, i) => {
          const key = ['complete', 'accurate', 'legible'][i];
          return (
            <Tooltip key={k} title={t(`common.checks.${key}Hint`)}>
              <Box component="label" sx={{ display: 'flex', alignItems: 'center', fontSize: 14 }}>
                <Checkbox size="small" checked={m[k]} onChange={(e) => check(k, e.target.checked)} slotProps={{ input: { 'aria-label': `${title} ${t(`common.checks.${key}`)}`, ...({ 'data-testid': `material-${key}-${m.itemKey}` } as object) } }} sx={{ p: 0.5 }} />
                {t(`common.checks.${key}`)}
              </Box>
            </Tooltip>
          );
        })}
      </Box>
      <TextField size="small" value={note} placeholder={t('client.materials.notePlaceholder')} onChange={(e) => setNote(e.target.value)} onBlur={saveNote} onKeyDown={enterBlurs} slotProps={{ htmlInput: { 'data-testid': `material-note-${m.itemKey}`, maxLength: 2000 } }} />
      <DateField size="small" value={m.dueDate} onCommit={(v) => void updateMaterial(m, { note: m.note, dueDate: v || null }).catch(() => undefined)} ariaLabel={`${title} ${t('client.materials.due')}`} testId={`material-due-${m.itemKey}`} />
      <ConfirmDialog
        open={confirmChecks}
        title={t('client.materials.checkFirstTitle')}
        body={t('client.materials.checkFirstBody', { title: title })}
        confirmLabel={t('client.materials.checkFirstOk')}
        tone="positive"
        onClose={() => setConfirmChecks(false)}
        onConfirm={() => void checkAllAndMove()}
      />
      <Box sx={{ gridColumn: '1 / -1' }}>
        {dragging && <Typography variant="caption" color="primary">{t('attachments.dropHere', { title: title })}</Typography>}
        <AttachmentTiles m={m} onFiles={onFiles} onPick={onPick} />
      </Box>
    </Box>
  );
});
