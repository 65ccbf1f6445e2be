/**
 * The consultant's "next steps" for one client and week, editable before exporting. Saved per client per week
 * ('weekly.setNextSteps'); "back to the suggestion" clears the saved text. Ctrl+Enter saves. Reports whether there
 * are unsaved edits so the page can hold exports until they are saved (exports show what is stored).
 */
import { useEffect, useState } from 'react';
import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ClientWeekSummary } from '../../../../shared/reports/weekly-model';
import { useWeeklyStore } from '../../stores/weekly-store';
import { useSubmit } from '../../components/use-submit';
import { onEnter } from '../../components/keys';

export function NextStepsEditor({ s, onDirty }: { s: ClientWeekSummary; onDirty: (dirty: boolean) => void }) {
  const { t } = useTranslation();
  const saveNextSteps = useWeeklyStore((st) => st.saveNextSteps);
  const busy = useWeeklyStore((st) => st.busy);
  const [draft, setDraft] = useState(s.nextSteps.text);
  const [justSaved, setJustSaved] = useState(false);
  useEffect(() => { setDraft(s.nextSteps.text); }, [s.client.id, s.week.id, s.nextSteps.text, s.nextSteps.updatedAt]);
  const dirty = draft.trim() !== s.nextSteps.text.trim();
  useEffect(() => { onDirty(dirty); }, [dirty, onDirty]);
  const { run: save } = useSubmit(async (body: string) => {
    await saveNextSteps(s.client.id, s.week.id, body);
    setJustSaved(true);
    setTimeout(() => setJustSaved(false), 2000);
  });
  return (
    <Box>
      <Typography variant="subtitle2">{t('weekly.nextSteps.label')}</Typography>
      <Typography variant="caption" color="text.secondary">{t('weekly.nextSteps.hint')}</Typography>
      <TextField
        fullWidth multiline minRows={4} size="small" sx={{ mt: 1 }} value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onEnter(() => { if (dirty) void save(draft.trim()); }, { withModifier: true })}
        slotProps={{ htmlInput: { 'data-testid': 'next-steps-input', maxLength: 2000, 'aria-label': t('weekly.nextSteps.label') } }}
      />
      <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
        <Button variant="contained" size="small" disabled={!dirty || busy === 'save'} onClick={() => void save(draft.trim())} data-testid="next-steps-save">{t('weekly.nextSteps.save')}</Button>
        <Button size="small" disabled={!s.nextSteps.saved || busy === 'save'} onClick={() => void save('')} data-testid="next-steps-reset">{t('weekly.nextSteps.reset')}</Button>
        <Typography variant="caption" color={dirty ? 'warning.main' : 'text.secondary'} data-testid="next-steps-state">
          {dirty ? t('weekly.nextSteps.unsaved') : justSaved ? t('weekly.nextSteps.saved') : s.nextSteps.saved ? '' : t('weekly.nextSteps.suggested')}
        </Typography>
      </Stack>
    </Box>
  );
}
