/** The client's "许可证与年报" tab (spec §7): the licence with its renewal state and dates, annual reports, change filings. */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAppStore } from '../../stores/app-store';
import { useClientDeadlinesStore } from '../../stores/client-deadlines-store';
import { LicenceDialog } from './LicenceDialog';
import { AnnualReports, ChangeFilings } from './AftercareLists';

const RENEWAL_COLOR = { ok: 'success', remind: 'info', warn: 'warning', alarm: 'error', expired: 'error', applied: 'success' } as const;

export function AftercarePanel({ clientId }: { clientId: number }) {
  const { t } = useTranslation();
  const { licence, error, load, removeLicence } = useClientDeadlinesStore();
  const today = useAppStore((s) => s.today);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  useEffect(() => { void load(clientId, 'aftercare'); }, [clientId, today, load]);
  const l = licence?.licence ?? null;
  const r = licence?.renewal ?? null;
  return (
    <Stack spacing={2} data-testid="aftercare-panel">
      {error && <Alert severity="error">{error}</Alert>}
      <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="licence">
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }}>{t('aftercare.licence.title')}</Typography>
          {l && <Button size="small" onClick={() => setEditing(true)} data-testid="licence-edit">{t('aftercare.licence.edit')}</Button>}
          {l && <Button size="small" color="error" onClick={() => setRemoving(true)}>{t('aftercare.licence.remove')}</Button>}
        </Box>
        {licence && !l && (
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography color="text.secondary" sx={{ flex: 1 }}>{t('aftercare.licence.none')}</Typography>
            <Button variant="contained" onClick={() => setEditing(true)} data-testid="licence-add">{t('aftercare.licence.add')}</Button>
          </Stack>
        )}
        {l && r && (
          <Stack spacing={0.75}>
            <Typography data-testid="licence-summary"><b>{l.number}</b> · {t('aftercare.licence.issuedOn')} {l.issuedOn} · {t('aftercare.licence.expiresOn')} {l.expiresOn}</Typography>
            {l.scope && <Typography variant="body2" color="text.secondary">{t('aftercare.licence.scope')}：{l.scope}</Typography>}
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>{t('aftercare.renewal.title')}</Typography>
              <Chip size="small" color={RENEWAL_COLOR[r.state]} label={t(`aftercare.renewal.state.${r.state}`)} data-testid="renewal-state" />
              <Typography variant="body2" color={r.state === 'alarm' || r.state === 'expired' ? 'error' : 'text.secondary'}>
                {r.daysToExpiry >= 0 ? t('aftercare.renewal.daysToExpiry', { n: r.daysToExpiry, count: r.daysToExpiry }) : t('aftercare.renewal.expiredFor', { n: -r.daysToExpiry, count: -r.daysToExpiry })}
                {l.renewalAppliedOn ? ` · ${t('aftercare.licence.renewalAppliedOn')} ${l.renewalAppliedOn}` : ''}
              </Typography>
            </Stack>
            <Typography variant="caption" color="text.secondary" data-testid="renewal-dates">{t('aftercare.renewal.dates', { remind: r.remindOn, warn: r.warnFrom, legal: r.legalLast, expires: r.expiresOn })}</Typography>
          </Stack>
        )}
      </Paper>
      <AnnualReports />
      <ChangeFilings />
      <LicenceDialog open={editing} initial={l} onClose={() => setEditing(false)} />
      <ConfirmDialog
        open={removing}
        title={t('aftercare.licence.removeTitle')}
        body={t('aftercare.licence.removeBody', { number: l?.number ?? '' })}
        onClose={() => setRemoving(false)}
        onConfirm={() => { setRemoving(false); void removeLicence().catch(() => undefined); }}
      />
    </Stack>
  );
}
