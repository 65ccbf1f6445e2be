/** A titled dashboard card with a count badge, an empty text and a "N more not shown" footer. */
import type { ReactNode } from 'react';
import { Box, Chip, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

export function Section(props: {
  title: string; count?: number; shown?: number; color?: 'error' | 'warning' | 'default' | 'primary'; empty: string; testId: string; children?: ReactNode; action?: ReactNode;
}) {
  const { t } = useTranslation();
  const count = props.count ?? 0;
  const hidden = props.shown !== undefined ? count - props.shown : 0;
  return (
    <Paper variant="outlined" data-testid={props.testId} component="section" aria-label={props.title}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>{props.title}</Typography>
        {props.count !== undefined && <Chip size="small" color={count ? props.color ?? 'default' : 'default'} label={count} data-testid={`${props.testId}-count`} />}
        <Box sx={{ flex: 1 }} />
        {props.action}
      </Box>
      {count === 0 && props.count !== undefined ? <Typography sx={{ p: 1.5 }} color="text.secondary">{props.empty}</Typography> : props.children}
      {hidden > 0 && <Typography variant="caption" color="text.secondary" sx={{ display: 'block', px: 1.5, py: 0.5 }}>{t('deadlines.home.more', { n: hidden })}</Typography>}
    </Paper>
  );
}
