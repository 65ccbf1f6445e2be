/**
 * One client: company data, stage (with a dated stage change), and tabs for the materials checklist, progress
 * notes and the activity timeline. Edit opens the client form; delete asks for confirmation naming what goes.
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Grid, MenuItem, Paper, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { STAGES, type StageKey } from '../../../shared/domain/stages';
import { useAppStore } from '../stores/app-store';
import { navigate } from '../route';
import { useClientStore } from '../stores/client-store';
import { ClientForm } from '../components/ClientForm';
import { DeleteClientDialog } from './client/DeleteClientDialog';
import { MaterialsPanel } from './client/MaterialsPanel';
import { NotesPanel } from './client/NotesPanel';
import { TimelinePanel } from './client/TimelinePanel';
import { DeadlinesPanel } from './client/DeadlinesPanel';
import { AftercarePanel } from './client/AftercarePanel';
import { EligibilityPanel } from './client/EligibilityPanel';
import { InspectionsPanel } from './client/InspectionsPanel';
import { ExtraInfoSection } from './client/ExtraInfoSection';
import { AreaMismatchAlert } from './client/AreaMismatchAlert';
import { useInspectionsStore } from '../stores/inspections-store';
import { useSubmit } from '../components/use-submit';
import { DateField } from '../components/pickers/DateField';
import { useDiscardGuard } from '../components/use-discard-guard';
import { useCommand } from '../desktop/keymap';
import { cityLabel } from '../i18n/domain';

const TABS = ['materials', 'notes', 'inspections', 'timeline', 'deadlines', 'aftercare', 'eligibility'] as const;
type TabKey = (typeof TABS)[number];

export function ClientPage({ id, tab: initialTab = null }: { id: number; tab?: string | null }) {
  const { t } = useTranslation();
  // Selectors: the page re-renders when what it shows changes, not on every refresh of the timeline or a material.
  const client = useClientStore((s) => s.client);
  const materialCount = useClientStore((s) => s.materials.length);
  const noteCount = useClientStore((s) => s.notes.length);
  const error = useClientStore((s) => s.error);
  const notFound = useClientStore((s) => s.notFound);
  const load = useClientStore((s) => s.load);
  const setClient = useClientStore((s) => s.setClient);
  const [tab, setTab] = useState<TabKey>(() => {
    if ((TABS as readonly string[]).includes(initialTab ?? '')) return initialTab as TabKey;
    return useInspectionsStore.getState().takeTabRequest(id) ? 'inspections' : 'materials';
  });
  useEffect(() => { if (initialTab && (TABS as readonly string[]).includes(initialTab)) setTab(initialTab as TabKey); }, [initialTab]);
  const [editing, setEditing] = useState(false);
  const [stageOpen, setStageOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);

  useEffect(() => { void load(id); }, [id, load]);

  if (notFound) return <Alert severity="warning" action={<Button onClick={() => navigate({ name: 'clients' })}>{t('client.back')}</Button>}>{t('client.notFound')}</Alert>;
  if (!client) return error ? <Alert severity="error">{error}</Alert> : <Typography>{t('common.loading')}</Typography>;

  const info: Array<[string, string | null]> = [
    ['uscc', client.uscc], ['city', cityLabel(client.city)], ['district', client.district], ['industry', t(`common.industry.${client.industry}`, { defaultValue: client.industry })],
    ['platformName', client.platformName], ['domain', client.domain], ['legalRep', client.legalRep],
    ['contact', client.contactName], ['phone', client.contactPhone],
    ['capital', client.capitalYuan === null ? null : t('client.info.yuan', { v: client.capitalYuan.toLocaleString('zh-CN') })],
    ['founded', client.founded], ['area', client.officeAreaM2 === null ? null : t('client.info.m2', { v: client.officeAreaM2 })],
    ['staff', client.insuredStaff === null ? null : t('client.info.people', { v: client.insuredStaff })],
    ['consultant', client.consultant], ['address', client.address], ['scope', client.businessScope], ['remark', client.remark],
  ];

  return (
    <Stack spacing={2}>
      <Stack sx={{ alignItems: 'center' }} direction="row" spacing={2}>
        <Button onClick={() => navigate({ name: 'clients' })}>← {t('client.back')}</Button>
        <Typography variant="h5" sx={{ flex: 1 }} data-testid="client-name">{client.name}</Typography>
        <Button variant="outlined" onClick={() => navigate({ name: 'weekly', week: null, clientId: client.id })} data-testid="client-weekly">{t('weekly.nav')}</Button>
        <Button variant="outlined" onClick={() => setEditing(true)} data-testid="client-edit">{t('common.actions.edit')}</Button>
        <Button color="error" onClick={() => setDeleting(true)} data-testid="client-delete">{t('client.deleteClient')}</Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {!client.usccValid && <Alert severity="warning" data-testid="uscc-invalid-warning">{t('client.usccInvalid')}</Alert>}
      <AreaMismatchAlert clientId={client.id} />
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1.5 }}>
          <Typography variant="subtitle2">{t('client.stage.label')}</Typography>
          <Chip color="primary" label={t(`common.stage.${client.stage}`)} data-testid="client-stage" />
          <Typography variant="body2" color="text.secondary" data-testid="client-stage-since">{client.stageSince ? t('client.stage.since', { date: client.stageSince }) : t('client.stage.sinceUnknown')}</Typography>
          <Button size="small" onClick={() => setStageOpen(true)} data-testid="stage-move">{t('client.stage.move')}</Button>
          <Box sx={{ flex: 1 }} />
          <Typography variant="body2" data-testid="client-progress">{t('client.materials.progress', { done: client.materialsDone, total: client.materialsTotal })}</Typography>
        </Stack>
        <Grid container spacing={1}>
          {info.map(([k, v]) => (
            <Grid key={k} size={{ xs: 12, sm: 6, md: 3 }}>
              <Typography variant="caption" color="text.secondary">{t(`client.info.${k}`)}</Typography>
              <Typography variant="body2" sx={{ wordBreak: 'break-all', whiteSpace: 'pre-line' }}>{v ?? '—'}</Typography>
            </Grid>
          ))}
        </Grid>
        <ExtraInfoSection client={client} onSaved={setClient} />
      </Paper>
      <Paper variant="outlined">
        <Tabs value={tab} onChange={(_e, v) => setTab(v)} sx={{ borderBottom: 1, borderColor: 'divider', px: 1 }}>
          <Tab value="materials" label={`${t('client.tabs.materials')} (${client.materialsDone}/${client.materialsTotal})`} data-testid="tab-materials" />
          <Tab value="notes" label={`${t('client.tabs.notes')} (${noteCount})`} data-testid="tab-notes" />
          <Tab value="inspections" label={t('inspection.tab')} data-testid="tab-inspections" />
          <Tab value="deadlines" label={t('deadlines.client.tab')} data-testid="tab-deadlines" />
          <Tab value="aftercare" label={t('aftercare.tab')} data-testid="tab-aftercare" />
          <Tab value="eligibility" label={t('eligibility.tab')} data-testid="tab-eligibility" />
          <Tab value="timeline" label={t('client.tabs.timeline')} data-testid="tab-timeline" />
        </Tabs>
        <Box sx={{ p: 2 }}>
          {tab === 'materials' && <MaterialsPanel />}
          {tab === 'notes' && <NotesPanel />}
          {tab === 'inspections' && <InspectionsPanel />}
          {tab === 'timeline' && <TimelinePanel />}
          {tab === 'deadlines' && <DeadlinesPanel clientId={client.id} />}
          {tab === 'aftercare' && <AftercarePanel clientId={client.id} />}
          {tab === 'eligibility' && <EligibilityPanel clientId={client.id} />}
        </Box>
      </Paper>

      <Dialog open={editing} onClose={(_e, reason) => { if (reason !== 'backdropClick' && reason !== 'escapeKeyDown') setEditing(false); }} maxWidth="md" fullWidth>
        <DialogTitle>{t('client.editTitle')}</DialogTitle>
        <DialogContent>
          <ClientForm initial={client} onSaved={(c) => { setClient(c); setEditing(false); }} onCancel={() => setEditing(false)} />
        </DialogContent>
      </Dialog>
      <StageDialog open={stageOpen} current={client.stage} onClose={() => setStageOpen(false)} />
      <DeleteClientDialog
        open={deleting}
        clientId={client.id}
        name={client.name}
        materials={materialCount}
        notes={noteCount}
        onClose={() => setDeleting(false)}
        onDeleted={() => { setDeleting(false); navigate({ name: 'clients' }); }}
      />
    </Stack>
  );
}

/** 变更阶段: the new stage and its date (today or earlier); Enter in the date saves; closing with edits asks first. */
export function StageDialog({ open, current, onClose }: { open: boolean; current: StageKey; onClose: () => void }) {
  const { t } = useTranslation();
  const setStage = useClientStore((s) => s.setStage);
  const [stage, setStageValue] = useState<StageKey>(current);
  const { run: save, pending } = useSubmit(() => setStage({ stage, date }).then(onClose));
  const today = useAppStore((s) => s.today);
  const [date, setDate] = useState(today);
  useEffect(() => { if (open) { setStageValue(current); setDate(today); } }, [open, current, today]);
  const canSave = stage !== current && !!date && date <= today && !pending;
  useCommand('save', open && canSave ? () => void save() : null); // Ctrl/Cmd+S, like 保存
  const { requestClose, confirm } = useDiscardGuard(stage !== current || date !== today, onClose);
  return (
    <Dialog open={open} onClose={requestClose}>
      <DialogTitle>{t('client.stage.moveTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1, minWidth: 320 }}>
          <TextField select label={t('client.stage.to')} value={stage} onChange={(e) => setStageValue(e.target.value as StageKey)} slotProps={{ htmlInput: { 'data-testid': 'stage-select' } }}>
            {STAGES.map((s) => <MenuItem key={s.key} value={s.key}>{s.no}. {t(`common.stage.${s.key}`)}</MenuItem>)}
          </TextField>
          <DateField label={t('client.stage.date')} value={date} onChange={setDate} onEnter={() => { if (canSave) void save(); }} max={today} error={date > today} testId="stage-date" />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={requestClose} data-testid="stage-cancel">{t('common.actions.cancel')}</Button>
        <Button variant="contained" disabled={!canSave} data-testid="stage-save" onClick={() => void save()}>{t('common.actions.save')}</Button>
      </DialogActions>
      {confirm}
    </Dialog>
  );
}
