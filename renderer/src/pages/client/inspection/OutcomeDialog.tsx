/**
 * Records an inspection's outcome (passed / issues found / postponed) with notes, saying beforehand what it will do
 * (spec §5): a pass moves the client to 发证 dated the inspection date and shows the expected issue date (5 working
 * days); issues found are written as a progress note dated the inspection date. The outcome can also be cleared.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Inspection } from '../../../../../shared/contracts/inspections';
import { expectedIssueDate, INSPECTION_OUTCOMES } from '../../../../../shared/domain/inspection';
import { ApiError } from '../../../api';
import { useInspectionsStore } from '../../../stores/inspections-store';
import { useSubmit } from '../../../components/use-submit';
import { useDiscardGuard } from '../../../components/use-discard-guard';
import { useCommand } from '../../../desktop/keymap';

type Choice = NonNullable<Inspection['outcome']> | 'none';

export function OutcomeDialog({ open, inspection, onClose }: { open: boolean; inspection: Inspection; onClose: () => void }) {
  const { t } = useTranslation();
  const setOutcome = useInspectionsStore((s) => s.setOutcome);
  const [choice, setChoice] = useState<Choice>('passed');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setChoice(inspection.outcome ?? 'passed');
    setNotes(inspection.outcomeNotes ?? '');
    setError(null);
  }, [open, inspection.outcome, inspection.outcomeNotes]);
  const expected = expectedIssueDate(inspection.date);
  const hint = choice === 'passed' ? t('inspection.passedHint', { date: inspection.date, expected: expected.date })
    : choice === 'issues' ? t('inspection.issuesHint', { date: inspection.date })
      : choice === 'postponed' ? t('inspection.postponedHint') : null;
  const { run: save, pending } = useSubmit(async () => {
    try {
      await setOutcome(inspection.id, choice === 'none' ? null : choice, notes.trim() || null);
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  });
  const { requestClose, confirm } = useDiscardGuard(choice !== (inspection.outcome ?? 'passed') || notes !== (inspection.outcomeNotes ?? ''), onClose);
  useCommand('save', open && !pending && !(choice === 'issues' && !notes.trim()) ? () => void save() : null); // Ctrl/Cmd+S, like 保存
  return (
    <Dialog open={open} onClose={requestClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('inspection.outcomeTitle')} · {inspection.date}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          <RadioGroup row value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
            {INSPECTION_OUTCOMES.map((o) => (
              <FormControlLabel key={o.key} value={o.key} control={<Radio slotProps={{ input: { ...({ 'data-testid': `outcome-${o.key}` } as object) } }} />} label={t(`inspection.outcome.${o.key}`)} />
            ))}
            {inspection.outcome && <FormControlLabel value="none" control={<Radio />} label={t('inspection.outcomeClear')} />}
          </RadioGroup>
          <TextField
            multiline minRows={3} label={t('inspection.outcomeNotes')} value={notes} onChange={(e) => setNotes(e.target.value)} required={choice === 'issues'}
            slotProps={{ htmlInput: { 'data-testid': 'outcome-notes', maxLength: 4000 } }}
          />
          {hint && <Alert severity={choice === 'issues' ? 'warning' : 'info'}>{hint}</Alert>}
          {choice === 'passed' && expected.missingYears.length > 0 && <Alert severity="warning">{t('inspection.missingYears', { years: expected.missingYears.join('、') })}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={requestClose} data-testid="outcome-cancel">{t('common.actions.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={pending || (choice === 'issues' && !notes.trim())} data-testid="outcome-save">{t('common.actions.save')}</Button>
      </DialogActions>
      {confirm}
    </Dialog>
  );
}
