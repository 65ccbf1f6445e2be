/**
 * The client page's "现场核查" tab: schedule an inspection, pick one of the client's inspections (newest first; a
 * re-inspection is another entry), and work its preparation checklist; link to the checklist template settings.
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../route';
import { useClientStore } from '../../stores/client-store';
import { useInspectionsStore } from '../../stores/inspections-store';
import { InspectionDetail, OUTCOME_COLOR } from './inspection/InspectionDetail';
import { InspectionDialog } from './inspection/InspectionDialog';

export function InspectionsPanel() {
  const { t } = useTranslation();
  const client = useClientStore((s) => s.client);
  const { inspections, selectedId, loaded, error, load, select } = useInspectionsStore();
  const [dialog, setDialog] = useState<'new' | 'edit' | null>(null);
  const clientId = client?.id;
  useEffect(() => { if (clientId) void load(clientId); }, [clientId, load]);
  if (!client) return null;
  const selected = inspections.find((i) => i.id === selectedId) ?? null;
  return (
    <Stack spacing={2} data-testid="inspections">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Button variant="contained" onClick={() => setDialog('new')} data-testid="insp-new">{t('inspection.schedule')}</Button>
        {inspections.map((i) => (
          <Chip
            key={i.id}
            clickable
            variant={i.id === selectedId ? 'filled' : 'outlined'}
            color={i.outcome ? OUTCOME_COLOR[i.outcome] : 'primary'}
            onClick={() => select(i.id)}
            label={`${i.date}${i.time ? ` ${i.time}` : ''} · ${i.outcome ? t(`inspection.outcome.${i.outcome}`) : `${i.readiness.percent}%`}`}
            data-testid={`insp-pick-${i.id}`}
          />
        ))}
        <Box sx={{ flex: 1 }} />
        <Button size="small" onClick={() => navigate({ name: 'inspectionTemplate' })} data-testid="insp-template-link">{t('inspection.editTemplate')}</Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {loaded && !inspections.length && <Typography color="text.secondary" data-testid="insp-empty">{t('inspection.empty')}</Typography>}
      {selected && <InspectionDetail client={client} inspection={selected} onEdit={() => setDialog('edit')} />}
      <InspectionDialog open={dialog !== null} client={client} editing={dialog === 'edit' ? selected : null} onClose={() => setDialog(null)} />
    </Stack>
  );
}
