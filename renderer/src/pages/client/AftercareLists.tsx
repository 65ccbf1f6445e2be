/** The client's annual-report jobs (mark filed with the date) and change filings (record, mark filed, delete). */
import { useEffect, useState } from 'react';
import { Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ChangeFiling } from '../../../../shared/contracts/aftercare';
import { CHANGE_KINDS, type ChangeKind } from '../../../../shared/domain/licence';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAppStore } from '../../stores/app-store';
import { useClientDeadlinesStore } from '../../stores/client-deadlines-store';
import { useSubmit } from '../../components/use-submit';
import { DateField } from '../../components/pickers/DateField';
import { changedFrom, useDiscardGuard } from '../../components/use-discard-guard';
import { useCommand } from '../../desktop/keymap';

const row = { display: 'flex', gap: 1.5, alignItems: 'center', px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' } as const;
const STATE_COLOR = { done: 'success', filed: 'success', upcoming: 'default', open: 'warning', ok: 'warning', late: 'error', missed: 'error', alarm: 'error' } as const;

/** A "filed on [date] ✓" control: a date field (default today) and a button. */
function FileControl({ label, onFile, testId }: { label: string; onFile: (date: string) => Promise<unknown>; testId: string }) {
  const today = useAppStore((s) => s.today);
  const [date, setDate] = useState(today);
  const { run, pending } = useSubmit(() => onFile(date));
  return (
    <Stack direction="row" spacing={1}>
      <DateField size="small" sx={{ width: 190 }} value={date} onChange={setDate} ariaLabel={label} testId={`${testId}-date`} />
      <Button size="small" variant="outlined" disabled={!date || pending} onClick={() => void run()} data-testid={testId}>{label}</Button>
    </Stack>
  );
}

export function AnnualReports() {
  const { t } = useTranslation();
  const { annual, setAnnualFiled } = useClientDeadlinesStore();
  return (
    <Paper variant="outlined" data-testid="annual-reports">
      <Box sx={{ px: 1.5, pt: 1.5 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('aftercare.annual.title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('aftercare.annual.hint')}</Typography>
      </Box>
      {!annual.length && <Typography sx={{ px: 1.5, pb: 1.5 }} color="text.secondary">{t('aftercare.annual.none')}</Typography>}
      {annual.map((a) => (
        <Box key={a.id} sx={row} data-testid={`annual-report-${a.year}`}>
          <Typography sx={{ fontWeight: 600, minWidth: 150 }}>{t('aftercare.annual.year', { year: a.year, prev: a.year - 1 })}</Typography>
          <Chip size="small" color={STATE_COLOR[a.state]} label={t(`aftercare.annual.state.${a.state}`)} />
          <Typography variant="body2" color="text.secondary">{t('aftercare.annual.due', { due: a.state === 'late' || a.state === 'missed' ? a.lateUntil : a.due })}</Typography>
          <Box sx={{ flex: 1 }} />
          {a.filedOn ? (
            <>
              <Typography variant="body2">{t('aftercare.annual.filedOn')} {a.filedOn}</Typography>
              <Button size="small" onClick={() => void setAnnualFiled(a.id, null).catch(() => undefined)}>{t('aftercare.annual.reopen')}</Button>
            </>
          ) : <FileControl label={t('aftercare.annual.markFiled')} onFile={(d) => setAnnualFiled(a.id, d)} testId={`annual-file-${a.year}`} />}
        </Box>
      ))}
    </Paper>
  );
}

/** 记录变更: kind, date, old / new value, note; closing with edits asks first. */
export function ChangeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const createChange = useClientDeadlinesStore((s) => s.createChange);
  const today = useAppStore((s) => s.today);
  const blank = { kind: 'name' as ChangeKind, changedOn: today, oldValue: '', newValue: '', note: '' };
  const [f, setF] = useState<typeof blank>(blank);
  useEffect(() => { if (open) setF({ kind: 'name', changedOn: today, oldValue: '', newValue: '', note: '' }); }, [open, today]);
  const { requestClose, confirm } = useDiscardGuard(changedFrom(blank, f), onClose);
  const { run: save, pending } = useSubmit(() => createChange({ ...f, oldValue: f.oldValue || null, newValue: f.newValue || null, note: f.note || null }).then(onClose));
  useCommand('save', open && !!f.changedOn && !pending ? () => void save() : null); // Ctrl/Cmd+S, like 保存
  return (
    <Dialog open={open} onClose={requestClose} maxWidth="sm" fullWidth data-testid="change-dialog">
      <DialogTitle>{t('aftercare.change.add')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Stack direction="row" spacing={2}>
            <TextField select label={t('aftercare.change.kind')} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as ChangeKind })} sx={{ minWidth: 200 }} slotProps={{ htmlInput: { 'data-testid': 'change-kind' } }}>
              {CHANGE_KINDS.map((k) => <MenuItem key={k.key} value={k.key}>{i18n.language === 'en' ? k.en : k.zh}</MenuItem>)}
            </TextField>
            <DateField label={t('aftercare.change.changedOn')} value={f.changedOn} onChange={(v) => setF((prev) => ({ ...prev, changedOn: v }))} testId="change-date" />
          </Stack>
          <TextField label={t('aftercare.change.oldValue')} value={f.oldValue} onChange={(e) => setF({ ...f, oldValue: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'change-old', maxLength: 500 } }} />
          <TextField label={t('aftercare.change.newValue')} value={f.newValue} onChange={(e) => setF({ ...f, newValue: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'change-new', maxLength: 500 } }} />
          <TextField label={t('aftercare.change.note')} value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'change-note', maxLength: 500 } }} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={requestClose} data-testid="change-cancel">{t('common.actions.cancel')}</Button>
        <Button variant="contained" disabled={!f.changedOn || pending} onClick={() => void save()} data-testid="change-save">{t('aftercare.change.save')}</Button>
      </DialogActions>
      {confirm}
    </Dialog>
  );
}

export function ChangeFilings() {
  const { t, i18n } = useTranslation();
  const { changes, setChangeFiled, removeChange } = useClientDeadlinesStore();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<ChangeFiling | null>(null);
  const kindText = (k: ChangeKind) => { const x = CHANGE_KINDS.find((c) => c.key === k)!; return i18n.language === 'en' ? x.en : x.zh; };
  return (
    <Paper variant="outlined" data-testid="change-filings">
      <Box sx={{ px: 1.5, pt: 1.5, display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('aftercare.change.title')}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('aftercare.change.hint')}</Typography>
        </Box>
        <Button variant="outlined" size="small" onClick={() => setAdding(true)} data-testid="change-add">{t('aftercare.change.add')}</Button>
      </Box>
      {!changes.length && <Typography sx={{ px: 1.5, pb: 1.5 }} color="text.secondary">{t('aftercare.change.none')}</Typography>}
      {changes.map((c) => (
        <Box key={c.id} sx={row} data-testid={`change-${c.id}`}>
          <Typography sx={{ fontWeight: 600 }}>{kindText(c.kind)}</Typography>
          <Typography variant="body2">{c.changedOn}{c.newValue ? ` → ${c.newValue}` : ''}</Typography>
          <Chip size="small" color={STATE_COLOR[c.state]} label={t(`aftercare.change.state.${c.state}`)} />
          <Typography variant="body2" color={c.state === 'late' || c.state === 'alarm' ? 'error' : 'text.secondary'}>{t('aftercare.change.deadlines', { agency: c.agencyDue, legal: c.legalDue })}</Typography>
          <Box sx={{ flex: 1 }} />
          {c.filedOn ? (
            <>
              <Typography variant="body2">{t('aftercare.change.filedOn')} {c.filedOn}</Typography>
              <Button size="small" onClick={() => void setChangeFiled(c.id, null).catch(() => undefined)}>{t('aftercare.change.reopen')}</Button>
            </>
          ) : <FileControl label={t('aftercare.change.markFiled')} onFile={(d) => setChangeFiled(c.id, d)} testId={`change-file-${c.id}`} />}
          <Button size="small" color="error" onClick={() => setRemoving(c)}>{t('aftercare.change.remove')}</Button>
        </Box>
      ))}
      <ChangeDialog open={adding} onClose={() => setAdding(false)} />
      <ConfirmDialog
        open={!!removing}
        title={t('aftercare.change.removeTitle')}
        body={removing ? t('aftercare.change.removeBody', { date: removing.changedOn, kind: kindText(removing.kind) }) : ''}
        onClose={() => setRemoving(null)}
        onConfirm={() => { const r = removing!; setRemoving(null); void removeChange(r.id).catch(() => undefined); }}
      />
    </Paper>
  );
}
