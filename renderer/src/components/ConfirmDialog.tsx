/** A confirmation dialog for destructive actions: names what will go; Enter confirms, Esc cancels. */
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useTranslation } from 'react-i18next';

export function ConfirmDialog(props: { open: boolean; title: string; body: string; confirmLabel?: string; onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={props.open} onClose={props.onClose} data-testid="confirm-dialog">
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent><DialogContentText>{props.body}</DialogContentText></DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('common.actions.cancel')}</Button>
        <Button color="error" variant="contained" autoFocus onClick={props.onConfirm} data-testid="confirm-ok">{props.confirmLabel ?? t('common.actions.delete')}</Button>
      </DialogActions>
    </Dialog>
  );
}
