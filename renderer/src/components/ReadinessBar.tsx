/** A compact readiness figure for an inspection checklist: a bar plus "准备就绪 50%（7/14）"; amber/red below 100%. */
import { Box, LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Inspection } from '../../../shared/contracts/inspections';

export function ReadinessBar({ readiness, width = 160, testId }: { readiness: Inspection['readiness']; width?: number; testId?: string }) {
  const { t } = useTranslation();
  const color = readiness.percent >= 100 ? 'success' : readiness.percent >= 50 ? 'warning' : 'error';
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid={testId}>
      <LinearProgress variant="determinate" value={readiness.percent} color={color} sx={{ width, height: 8, borderRadius: 4 }} aria-label={t('inspection.readiness', readiness)} />
      <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>{t('inspection.readiness', readiness)}</Typography>
    </Box>
  );
}
