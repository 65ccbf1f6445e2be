/**
 * 其他信息 on the client page: the values of spreadsheet columns that had no client field (kept by the import), as
 * heading → text, line breaks shown. 编辑 opens a dialog to change, add or remove entries; saving replaces the list
 * (clients.setExtraInfo), closing without saving changes nothing (asks first when there are unsaved edits).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import type { Client, ExtraInfoItem } from '../../../../shared/contract';
import { ApiError, call } from '../../api';
import { useDiscardGuard } from '../../components/use-discard-guard';
import { useSubmit } from '../../components/use-submit';
import { useCommand } from '../../desktop/keymap';

/** The section (shown under the company facts); `onSaved` receives the updated client. */
export function ExtraInfoSection(props: { client: Client; onSaved: (c: Client) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const items = props.client.extraInfo;
  return (
    <Box sx={{ mt: 2 }} data-testid="extra-info">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
        <Typography variant="subtitle2">{t('client.extra.title')}</Typography>
        <Button size="small" onClick={() => setEditing(true)} data-testid="extra-info-edit">
          {items.length ? t('common.actions.edit') : t('client.extra.add')}
        </Button>
      </Stack>
      {items.length === 0 ? (
        <Typography variant="body2" color="text.secondary">{t('client.extra.empty')}</Typography>
      ) : (
        <Grid container spacing={1}>
          {items.map((it, i) => (
            <Grid key={i} size={{ xs: 12, sm: 6, md: 3 }} data-testid={`extra-info-${i}`}>
              <Typography variant="caption" color="text.secondary">{it.label}</Typography>
              <Typography variant="body2" sx={{ wordBreak: 'break-all', whiteSpace: 'pre-line' }}>{it.value}</Typography>
            </Grid>
          ))}
        </Grid>
      )}
      {editing && <ExtraInfoDialog client={props.client} onClose={() => setEditing(false)} onSaved={(c) => { props.onSaved(c); setEditing(false); }} />}
    </Box>
  );
}

function ExtraInfoDialog(props: { client: Client; onClose: () => void; onSaved: (c: Client) => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ExtraInfoItem[]>(() => props.client.extraInfo.map((x) => ({ ...x })));
  const [error, setError] = useState<string | null>(null);
  const dirty = JSON.stringify(rows) !== JSON.stringify(props.client.extraInfo);
  const blank = rows.findIndex((r) => !r.label.trim() && r.value.trim());
  const update = (i: number, patch: Partial<ExtraInfoItem>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const { requestClose: close, confirm } = useDiscardGuard(dirty, props.onClose);
  const { run: save, pending: saving } = useSubmit(async () => {
    if (blank >= 0) {
      setError(t('msg.extra_label_empty'));
      return;
    }
    setError(null);
    try {
      const items = rows.filter((r) => r.label.trim() || r.value.trim()).map((r) => ({ label: r.label.trim(), value: r.value }));
      props.onSaved(await call('clients.setExtraInfo', { id: props.client.id, items }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  });
  useCommand('save', dirty && !saving ? () => void save() : null); // Ctrl/Cmd+S, like 保存
  return (
    <Dialog open onClose={close} maxWidth="md" fullWidth data-testid="extra-info-dialog">
      <DialogTitle>{t('client.extra.editTitle')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('client.extra.help')}</Typography>
        {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
        <Stack spacing={1.5}>
          {rows.map((r, i) => (
            <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField size="small" label={t('client.extra.label')} value={r.label} onChange={(e) => update(i, { label: e.target.value })} sx={{ width: 200 }} error={i === blank} slotProps={{ htmlInput: { maxLength: 100, 'data-testid': `extra-label-${i}` } }} />
              <TextField size="small" label={t('client.extra.value')} value={r.value} onChange={(e) => update(i, { value: e.target.value })} multiline maxRows={6} sx={{ flex: 1 }} slotProps={{ htmlInput: { maxLength: 5000, 'data-testid': `extra-value-${i}` } }} />
              <IconButton aria-label={t('client.extra.remove', { label: r.label })} onClick={() => setRows(rows.filter((_, j) => j !== i))} data-testid={`extra-remove-${i}`}>
                <DeleteOutlineIcon />
              </IconButton>
            </Stack>
          ))}
          <Box>
            <Button onClick={() => setRows([...rows, { label: '', value: '' }])} data-testid="extra-add">{t('client.extra.add')}</Button>
          </Box>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{t('common.actions.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving || !dirty} data-testid="extra-save">{t('common.actions.save')}</Button>
      </DialogActions>
      {confirm}
    </Dialog>
  );
}
