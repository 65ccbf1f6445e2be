/** Client counts per stage and per city as simple horizontal bars; each bar opens the register filtered to it. */
import { Box, ButtonBase, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/contracts/deadlines';
import { STAGES } from '../../../../shared/domain/stages';
import { navigate } from '../../route';
import { cityLabel } from '../../i18n/domain';

function Bars({ title, rows, testId }: { title: string; rows: Array<{ key: string; label: string; n: number; onClick: () => void }>; testId: string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <Paper variant="outlined" sx={{ p: 1.5, flex: 1, minWidth: 300 }} data-testid={testId}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>{title}</Typography>
      <Typography variant="caption" color="text.secondary">{t('deadlines.home.chartHint')}</Typography>
      <Box sx={{ mt: 1 }}>
        {rows.map((r) => (
          <ButtonBase key={r.key} onClick={r.onClick} data-testid={`${testId}-${r.key}`} aria-label={`${r.label} ${r.n}`}
            sx={{ display: 'grid', gridTemplateColumns: '150px 1fr 48px', gap: 1, width: '100%', alignItems: 'center', py: 0.4, borderRadius: 1, '&:hover, &.Mui-focusVisible': { bgcolor: 'action.hover' } }}>
            <Typography variant="body2" sx={{ textAlign: 'right' }} noWrap>{r.label}</Typography>
            <Box sx={{ height: 16, bgcolor: 'grey.200', borderRadius: 0.5, overflow: 'hidden' }}>
              <Box sx={{ height: '100%', width: `${(r.n / max) * 100}%`, bgcolor: 'primary.main', minWidth: r.n ? 3 : 0 }} />
            </Box>
            <Typography variant="body2" sx={{ textAlign: 'left', fontVariantNumeric: 'tabular-nums' }}>{r.n}</Typography>
          </ButtonBase>
        ))}
      </Box>
    </Paper>
  );
}

export function CountBars({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const byStage = new Map(data.stageCounts.map((s) => [s.stage, s.n]));
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <Bars title={t('deadlines.home.stageCounts')} testId="stage-bar"
        rows={STAGES.map((s) => ({ key: s.key, label: t(`common.stage.${s.key}`), n: byStage.get(s.key) ?? 0, onClick: () => navigate({ name: 'clients', stage: s.key }) }))} />
      <Bars title={t('deadlines.home.cityCounts')} testId="city-bar"
        rows={data.cityCounts.map((c) => ({ key: c.city, label: cityLabel(c.city), n: c.n, onClick: () => navigate({ name: 'clients', city: c.city }) }))} />
    </Box>
  );
}
