/**
 * The one "ask before throwing away typed input" rule for dialogs and inline forms. `dirty` is true when something
 * differs from what the dialog opened with; `close` really closes. `requestClose` goes on 取消 and on the MUI
 * Dialog's `onClose` (Esc and a backdrop click): nothing changed → `close()` at once; something changed → the
 * returned `confirm` element asks 放弃未保存的修改？ — 继续编辑 keeps everything, 放弃修改 calls `close()`.
 * Render `confirm` inside the component (next to the Dialog).
 */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './ConfirmDialog';

/** True when `now` differs from `start` as JSON (plain form values: strings, numbers, arrays, objects). */
export function changedFrom(start: unknown, now: unknown): boolean {
  return JSON.stringify(start) !== JSON.stringify(now);
}

export function useDiscardGuard(dirty: boolean, close: () => void): { requestClose: () => void; confirm: ReactElement } {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const requestClose = () => (dirty ? setAsking(true) : close());
  const confirm = (
    <ConfirmDialog
      open={asking}
      title={t('clientForm.discardTitle')}
      body={t('clientForm.discardBody')}
      confirmLabel={t('clientForm.discard')}
      cancelLabel={t('clientForm.keepEditing')}
      onClose={() => setAsking(false)}
      onConfirm={() => { setAsking(false); close(); }}
    />
  );
  return { requestClose, confirm };
}
