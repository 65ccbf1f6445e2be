/** The deadline rules as the app applies them (shared/domain/deadline-rules.ts), each with its length and source. */
import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DEADLINE_RULE_KEYS, DEADLINE_RULES, LICENCE_RULES } from '../../../../shared/domain/deadline-rules';

export function RulesPanel() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="rules-panel">
      <Typography variant="h6" component="h2">{t('deadlines.settings.rules')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('deadlines.settings.rulesHint')}</Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>{(['rule', 'start', 'length', 'party', 'source'] as const).map((c) => <TableCell key={c}>{t(`deadlines.settings.col.${c}`)}</TableCell>)}</TableRow>
          </TableHead>
          <TableBody>
            {DEADLINE_RULE_KEYS.map((k) => {
              const r = DEADLINE_RULES[k];
              const sign = r.n < 0 ? (en ? ' before' : '前') : '';
              return (
                <TableRow key={k} data-testid={`rule-${k}`}>
                  <TableCell>{en ? r.en : r.zh}</TableCell>
                  <TableCell>{en ? r.startEn : r.startZh}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`deadlines.line.unit.${r.unit}`, { n: Math.abs(r.n), count: Math.abs(r.n) })}{sign}</TableCell>
                  <TableCell>{t(`deadlines.line.party.${r.party}`)}</TableCell>
                  <TableCell sx={{ fontSize: 12, color: 'text.secondary' }}>{en ? r.sourceEn : r.sourceZh}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      <Typography variant="body2" sx={{ mt: 1 }}>{t('deadlines.settings.licenceRules', { years: LICENCE_RULES.validityYears, margin: LICENCE_RULES.renewalWarnMarginDays })}</Typography>
    </Paper>
  );
}
