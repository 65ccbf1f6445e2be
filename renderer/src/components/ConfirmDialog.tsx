/**
 * A confirmation dialog: names what will happen; Enter confirms, Esc cancels. `tone` 'danger' (default: delete,
 * discard — red) or 'positive' (mark as checked, confirm — the primary colour). `onConfirm` runs once per opening:
 * a second click while the dialog fades out is ignored. `cancelLabel` (default 取消) names the way back, e.g. 继续编辑.
 */
import { useEffect, useRef } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useTranslation } from 'react-i18next';

export function ConfirmDialog(props: { open: boolean; title: string; body: string; confirmLabel?: string; cancelLabel?: string; tone?: 'danger' | 'positive'; onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const done = useRef(false);
  useEffect(() => { if (props.open) done.current = false; }, [props.open]);
  const confirm = () => {
    if (done.current || !props.open) return;
    done.current = true;
    props.onConfirm();
  };
  return (
    <Dialog open={props.open} onClose={props.onClose} data-testid="confirm-dialog">
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent><DialogContentText>{props.body}</DialogContentText></DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} data-testid="confirm-cancel">{props.cancelLabel ?? t('common.actions.cancel')}</Button>
        <Button color={props.tone === 'positive' ? 'primary' : 'error'} variant="contained" autoFocus onClick={confirm} data-testid="confirm-ok">{props.confirmLabel ?? t('common.actions.delete')}</Button>
      </DialogActions>
    </Dialog>
  );
}
