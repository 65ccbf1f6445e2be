/**
 * Progress notes of one client: a composer (date defaults to today in China) and the notes grouped by ISO week,
 * labelled like "2026年第48周（11-23 ~ 11-29）". Edit in place; delete after a confirmation.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { Box, Button, IconButton, Paper, Stack, TextField, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useTranslation } from 'react-i18next';
import type { Note } from '../../../../shared/contract';
import { isoWeekId, isoWeekOf, weekLabel } from '../../../../shared/domain/weeks';
import { useAppStore } from '../../stores/app-store';
import { useClientStore } from '../../stores/client-store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSubmit } from '../../components/use-submit';
import { DateField } from '../../components/pickers/DateField';
import { isComposing, onEnter } from '../../components/keys';
import { useDiscardGuard } from '../../components/use-discard-guard';
import { useCommand } from '../../desktop/keymap';
import { truncateText } from '../../../../shared/domain/text';

export function NotesPanel() {
  const { t, i18n } = useTranslation();
  const notes = useClientStore((s) => s.notes);
  const addNote = useClientStore((s) => s.addNote);
  const today = useAppStore((s) => s.today);
  const [date, setDate] = useState(today);
  useEffect(() => setDate(today), [today]);
  const [body, setBody] = useState('');
  const groups = useMemo(() => {
    const m = new Map<string, { label: string; notes: Note[] }>();
    for (const n of notes) {
      const w = isoWeekOf(n.date);
      const id = isoWeekId(w);
      if (!m.has(id)) m.set(id, { label: weekLabel(w, i18n.language === 'en' ? 'en' : 'zh-CN'), notes: [] });
      m.get(id)!.notes.push(n);
    }
    return [...m.entries()];
  }, [notes, i18n.language]);
  const { run: submit, pending: saving } = useSubmit(async () => {
    if (!body.trim()) return;
    await addNote(date, body.trim());
    setBody('');
  });
  useCommand('save', body.trim() && date && !saving ? () => void submit() : null); // Ctrl/Cmd+S, like 添加
  return (
    <Stack spacing={2} data-testid="notes">
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Stack sx={{ alignItems: 'flex-start' }} direction="row" spacing={1}>
          <DateField size="small" sx={{ width: 190, flexShrink: 0 }} label={t('client.notes.date')} value={date} onChange={setDate} testId="note-date" />
          <TextField
            size="small" multiline minRows={2} fullWidth label={t('client.notes.body')} placeholder={t('client.notes.placeholder')} value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={onEnter(() => void submit(), { withModifier: true })}
            slotProps={{ htmlInput: { 'data-testid': 'note-body', maxLength: 5000 } }}
          />
          <Button variant="contained" onClick={() => void submit()} disabled={!body.trim() || !date || saving} data-testid="note-add" sx={{ whiteSpace: 'nowrap' }}>{t('client.notes.add')}</Button>
        </Stack>
      </Paper>
      {!notes.length && <Typography color="text.secondary">{t('client.notes.empty')}</Typography>}
      {groups.map(([id, g]) => (
        <Box key={id} data-testid={`note-week-${id}`}>
          <Typography variant="subtitle2" color="primary" sx={{ mb: 0.5 }}>{g.label}</Typography>
          {g.notes.map((n) => <NoteItem key={n.id} n={n} />)}
        </Box>
      ))}
    </Stack>
  );
}

/** One note, memoised: the store keeps an unchanged note's object, so adding or editing another leaves it alone. */
const NoteItem = memo(function NoteItem({ n }: { n: Note }) {
  const { t } = useTranslation();
  const editNote = useClientStore((s) => s.editNote);
  const removeNote = useClientStore((s) => s.removeNote);
  const [editing, setEditing] = useState(false);
  const [date, setDate] = useState(n.date);
  const [body, setBody] = useState(n.body);
  const [confirm, setConfirm] = useState(false);
  const { run: saveEdit, pending } = useSubmit(async () => {
    await editNote(n.id, date, body.trim());
    setEditing(false);
  });
  const stopEditing = () => { setEditing(false); setDate(n.date); setBody(n.body); };
  const { requestClose, confirm: askDiscard } = useDiscardGuard(date !== n.date || body !== n.body, stopEditing);
  useCommand('save', editing && body.trim() && !pending ? () => void saveEdit() : null); // Ctrl/Cmd+S, like 保存
  if (editing) {
    return (
      <Stack direction="row" spacing={1} sx={{ py: 0.5 }}>
        <DateField size="small" sx={{ width: 190, flexShrink: 0 }} ariaLabel={t('client.notes.date')} value={date} onChange={setDate} testId="note-edit-date" />
        <TextField size="small" fullWidth multiline value={body} onChange={(e) => setBody(e.target.value)} autoFocus onKeyDown={(e) => { if (e.key === 'Escape' && !isComposing(e)) requestClose(); }} slotProps={{ htmlInput: { 'data-testid': 'note-edit-body' } }} />
        <Button onClick={() => void saveEdit()} disabled={!body.trim() || pending} data-testid="note-edit-save">{t('common.actions.save')}</Button>
        <Button onClick={requestClose} data-testid="note-edit-cancel">{t('common.actions.cancel')}</Button>
        {askDiscard}
      </Stack>
    );
  }
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', py: 0.5, borderBottom: 1, borderColor: 'divider' }} data-testid={`note-${n.id}`}>
      <Typography variant="body2" color="text.secondary" sx={{ width: 96, flexShrink: 0 }}>{n.date}</Typography>
      <Typography variant="body2" sx={{ flex: 1, minWidth: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="note-text">{n.body}</Typography>
      <IconButton size="small" aria-label={t('common.actions.edit')} onClick={() => { setDate(n.date); setBody(n.body); setEditing(true); }} data-testid="note-edit"><EditIcon fontSize="small" /></IconButton>
      <IconButton size="small" aria-label={t('common.actions.delete')} onClick={() => setConfirm(true)}><DeleteIcon fontSize="small" /></IconButton>
      <ConfirmDialog open={confirm} title={t('client.notes.deleteTitle')} body={t('client.notes.deleteBody', { date: n.date, body: truncateText(n.body, 60) })} onClose={() => setConfirm(false)} onConfirm={() => { setConfirm(false); void removeNote(n.id).catch(() => undefined); }} />
    </Stack>
  );
});
