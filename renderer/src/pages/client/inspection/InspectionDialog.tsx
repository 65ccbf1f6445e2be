/**
 * Schedule / edit a site inspection: date, time, address (blank → the client's office address), authority staff,
 * the company's attendees (technical lead, customer service, security officer, others: name and phone), the
 * consultant going, the equipment list and notes. A new inspection is prefilled from the client (address,
 * consultant) and from its latest earlier inspection (attendees, consultant phone, equipment list) for re-inspections.
 * Scheduling one for a client before stage 5 offers to move it to 现场核查, dated today (or the inspection date when that
 * is earlier) — the stage date is recorded in one place, clients.setStage; the service never moves it by itself. The
 * offer is ticked only when the client is at stage 4 (the stage directly before); from earlier stages it is unticked,
 * since ticking it skips stages. It sits next to the save button and, when ticked, says from which stage to which.
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../../shared/contract';
import type { Attendee, Inspection } from '../../../../../shared/contracts/inspections';
import { addCalendarDays } from '../../../../../shared/domain/calendar';
import type { AttendeeRole } from '../../../../../shared/domain/inspection';
import { stageOf, type StageKey } from '../../../../../shared/domain/stages';
import { ApiError } from '../../../api';
import { useAppStore } from '../../../stores/app-store';
import { useClientStore } from '../../../stores/client-store';
import { useInspectionsStore } from '../../../stores/inspections-store';
import { useSubmit } from '../../../components/use-submit';
import { DateField } from '../../../components/pickers/DateField';
import { TimeField } from '../../../components/pickers/TimeField';
import { changedFrom, useDiscardGuard } from '../../../components/use-discard-guard';
import { useCommand } from '../../../desktop/keymap';

interface Row { role: AttendeeRole; name: string; phone: string }
interface Form {
  date: string; time: string; address: string; authorityPeople: string; consultantName: string; consultantPhone: string;
  equipmentList: string; notes: string; attendees: Row[];
}
const FIXED_ROLES: AttendeeRole[] = ['tech_lead', 'customer_service', 'security_officer'];
const SITE_NO = stageOf('site_inspection').no;

/** Whether "move to 现场核查" starts ticked: only for a client at the stage directly before it (stage 4). */
function moveStageByDefault(stage: StageKey): boolean {
  return stageOf(stage).no === SITE_NO - 1;
}

function initialForm(client: Client, today: string, editing: Inspection | null, previous: Inspection | null): Form {
  const src = editing ?? previous;
  const given: Attendee[] = src?.attendees ?? [];
  const attendees: Row[] = FIXED_ROLES.map((role) => {
    const a = given.find((x) => x.role === role);
    return { role, name: a?.name ?? '', phone: a?.phone ?? '' };
  });
  for (const a of given) if (!FIXED_ROLES.includes(a.role) || given.filter((x) => x.role === a.role).indexOf(a) > 0) attendees.push({ role: a.role, name: a.name, phone: a.phone ?? '' });
  return {
    date: editing?.date ?? addCalendarDays(today, 1),
    time: editing?.time ?? '09:00',
    address: editing ? editing.address ?? '' : client.address ?? '',
    authorityPeople: editing?.authorityPeople ?? '',
    consultantName: src?.consultantName ?? client.consultant ?? '',
    consultantPhone: src?.consultantPhone ?? '',
    equipmentList: src?.equipmentList ?? '',
    notes: editing?.notes ?? '',
    attendees,
  };
}

export function InspectionDialog(props: { open: boolean; client: Client; editing: Inspection | null; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useAppStore((s) => s.today);
  const { inspections, create, update } = useInspectionsStore();
  const [form, setForm] = useState<Form | null>(null);
  const [start, setStart] = useState<Form | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const setStage = useClientStore((s) => s.setStage);
  const offerStage = !props.editing && stageOf(props.client.stage).no < SITE_NO;
  const [moveStage, setMoveStage] = useState(false);
  useEffect(() => {
    if (props.open) {
      setMoveStage(moveStageByDefault(props.client.stage));
      const opened = initialForm(props.client, today, props.editing, inspections[0] ?? null);
      setForm(opened);
      setStart(opened);
      setError(null);
    }
    // Only when the dialog opens: later list changes must not reset what the user typed.
  }, [props.open]);
  const set = (patch: Partial<Form>) => setForm((prev) => (prev ? { ...prev, ...patch } : prev));
  const setRow = (i: number, patch: Partial<Row>) => set({ attendees: form!.attendees.map((r, k) => (k === i ? { ...r, ...patch } : r)) });
  const fieldError = (path: string) => error?.fields.find((f) => f.path === `inspection.${path}` || f.path.startsWith(`inspection.${path}.`))?.message;
  const { run: submit, pending: saving } = useSubmit(async () => {
    if (!form) return;
    setError(null);
    const input = {
      date: form.date, time: form.time || null, address: form.address, authorityPeople: form.authorityPeople,
      consultantName: form.consultantName, consultantPhone: form.consultantPhone, equipmentList: form.equipmentList, notes: form.notes,
      attendees: form.attendees.filter((r) => r.name.trim()).map((r) => ({ role: r.role, name: r.name, phone: r.phone })),
    };
    try {
      if (props.editing) await update(props.editing.id, input);
      else {
        await create(input);
        if (offerStage && moveStage) await setStage({ stage: 'site_inspection', date: form.date < today ? form.date : today });
      }
      props.onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }));
    }
  });
  const { requestClose, confirm } = useDiscardGuard(changedFrom(start, form) || (offerStage && !moveStage), props.onClose);
  useCommand('save', props.open && form?.date && !saving ? () => void submit() : null); // Ctrl/Cmd+S, like 保存
  if (!form) return null;
  const tf = (key: keyof Omit<Form, 'attendees'>, extra: Record<string, unknown> = {}) => (
    <TextField
      size="small" label={t(`inspection.field.${key}`)} value={form[key]} onChange={(e) => set({ [key]: e.target.value })}
      error={!!fieldError(key)} helperText={fieldError(key)}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `insp-${key}` } }} {...extra}
    />
  );
  return (
    <Dialog open={props.open} onClose={requestClose} maxWidth="md" fullWidth data-testid="inspection-dialog">
      <DialogTitle>{t(props.editing ? 'inspection.editTitle' : 'inspection.scheduleTitle')}</DialogTitle>
      <DialogContent>
        <Box component="form" onSubmit={(e) => { e.preventDefault(); void submit(); }} sx={{ pt: 1 }}>
          <Stack spacing={2}>
            {error && <Alert severity="error">{error.message}</Alert>}
            <Stack direction="row" spacing={2}>
              <DateField size="small" sx={{ width: 190 }} label={t('inspection.field.date')} value={form.date} onChange={(v) => set({ date: v })} required autoFocus
                error={!!fieldError('date')} helperText={fieldError('date')} testId="insp-date" />
              <TimeField size="small" sx={{ width: 150 }} label={t('inspection.field.time')} value={form.time} onChange={(v) => set({ time: v })}
                error={!!fieldError('time')} helperText={fieldError('time')} testId="insp-time" />
              {tf('authorityPeople', { sx: { flex: 1 } })}
            </Stack>
            {tf('address', { fullWidth: true, placeholder: t('inspection.field.addressHint') })}
            <Typography variant="subtitle2">{t('inspection.field.attendees')}</Typography>
            {form.attendees.map((r, i) => (
              <Stack key={i} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <Typography variant="body2" sx={{ width: 110 }}>{t(`inspection.role.${r.role}`)}</Typography>
                <TextField size="small" label={t('inspection.field.name')} value={r.name} onChange={(e) => setRow(i, { name: e.target.value })} slotProps={{ htmlInput: { 'data-testid': `insp-att-name-${i}`, maxLength: 40 } }} />
                <TextField size="small" label={t('inspection.field.phone')} value={r.phone} onChange={(e) => setRow(i, { phone: e.target.value })} slotProps={{ htmlInput: { 'data-testid': `insp-att-phone-${i}`, maxLength: 40 } }} />
              </Stack>
            ))}
            <Box>
              <Button size="small" onClick={() => set({ attendees: [...form.attendees, { role: 'other', name: '', phone: '' }] })} disabled={form.attendees.length >= 20}>
                + {t('inspection.field.addOther')}
              </Button>
            </Box>
            <Stack direction="row" spacing={2}>
              {tf('consultantName')}
              {tf('consultantPhone')}
            </Stack>
            {tf('equipmentList', { multiline: true, minRows: 3, fullWidth: true, placeholder: t('inspection.field.equipmentHint') })}
            {tf('notes', { multiline: true, minRows: 2, fullWidth: true })}
            <button type="submit" hidden />
          </Stack>
        </Box>
      </DialogContent>
      <DialogActions sx={{ px: 3, flexWrap: 'wrap', gap: 1 }}>
        {offerStage && (
          <Box sx={{ flex: 1, minWidth: 280 }}>
            <FormControlLabel
              control={<Checkbox checked={moveStage} onChange={(e) => setMoveStage(e.target.checked)} slotProps={{ input: { 'data-testid': 'insp-move-stage' } as object }} />}
              label={t('inspection.moveStage', { date: form.date && form.date < today ? form.date : today })}
            />
            <Typography variant="body2" color={moveStage ? 'warning.main' : 'text.secondary'} data-testid="insp-move-stage-effect">
              {moveStage
                ? t('inspection.moveStageFromTo', { from: t(`common.stage.${props.client.stage}`), to: t('common.stage.site_inspection') })
                : t('inspection.moveStageKeep', { stage: t(`common.stage.${props.client.stage}`) })}
            </Typography>
          </Box>
        )}
        <Button onClick={requestClose} data-testid="insp-cancel">{t('common.actions.cancel')}</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={saving || !form.date} data-testid="insp-save">{t('common.actions.save')}</Button>
      </DialogActions>
      {confirm}
    </Dialog>
  );
}
