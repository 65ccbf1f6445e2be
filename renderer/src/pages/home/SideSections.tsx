/**
 * The dashboard's side column: inspections today and tomorrow (a slot filled by the site-inspection feature),
 * renewals in their reminder window, this year's annual reports (and an earlier year's still not filed), and active clients without a progress note this week.
 */
import { Box, Chip, Link, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardInspection } from '../../../../shared/contracts/deadlines';
import { navigate } from '../../route';
import { Section } from './Section';

const row = { display: 'flex', gap: 1, alignItems: 'baseline', px: 1.5, py: 0.75, borderBottom: 1, borderColor: 'divider', fontSize: 14 } as const;
const open = (id: number, tab?: string) => () => navigate({ name: 'client', id, tab });

/** Inspections today and tomorrow with their checklist readiness; tomorrow's below 100% are highlighted (print the prep sheet the day before). */
export function InspectionsSlot({ data }: { data: Dashboard['inspections'] }) {
  const { t } = useTranslation();
  const day = (label: string, items: DashboardInspection[], key: string) => (
    <Box sx={row} data-testid={`home-inspections-${key}`}>
      <Typography variant="body2" sx={{ minWidth: 40, flexShrink: 0, whiteSpace: 'nowrap', fontWeight: 600 }}>{label}</Typography>
      <Box sx={{ flex: 1 }}>
        {items.length ? items.map((i) => (
          <Box key={i.id} data-testid={`home-inspection-${i.id}`} sx={key === 'tomorrow' && i.readinessPercent < 100 ? { bgcolor: '#fff4e5', borderLeft: 4, borderColor: 'warning.main', borderRadius: 1, px: 0.5 } : undefined}>
            <Link component="button" type="button" onClick={open(i.clientId, 'inspections')}>{i.clientName}</Link> {i.time ?? ''} {i.address ?? ''}{' '}
            <Chip size="small" color={i.readinessPercent >= 100 ? 'success' : 'warning'} label={t('deadlines.home.readiness', { percent: i.readinessPercent, open: i.openItems })} />
          </Box>
        )) : <Typography variant="body2" color="text.secondary">{t('deadlines.home.inspectionsNone')}</Typography>}
      </Box>
    </Box>
  );
  return (
    <Section title={t('deadlines.home.inspections')} empty="" testId="home-inspections">
      {data.available ? (
        <>{day(t('deadlines.home.inspectionsToday'), data.today, 'today')}{day(t('deadlines.home.inspectionsTomorrow'), data.tomorrow, 'tomorrow')}</>
      ) : <Typography sx={{ p: 1.5 }} variant="body2" color="text.secondary">{t('deadlines.home.inspectionsPending')}</Typography>}
    </Section>
  );
}

const RENEWAL_COLOR = { expired: 'error', alarm: 'error', warn: 'warning', remind: 'info' } as const;

export function RenewalsSection({ data }: { data: Dashboard['renewals'] }) {
  const { t } = useTranslation();
  return (
    <Section title={t('deadlines.home.renewals')} count={data.total} shown={data.items.length} color="warning" empty={t('deadlines.home.renewalsNone')} testId="home-renewals">
      {data.items.map((r) => (
        <Box key={r.clientId} sx={{ ...row, flexDirection: 'column', alignItems: 'stretch', gap: 0.25 }} data-testid={`renewal-${r.clientId}`}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <Link component="button" type="button" onClick={open(r.clientId, 'aftercare')} sx={{ fontWeight: 600 }}>{r.clientName}</Link>
            <Box sx={{ flex: 1 }} />
            <Chip size="small" color={RENEWAL_COLOR[r.state]} label={t(`deadlines.home.renewal.${r.state}`)} />
          </Box>
          <Typography variant="caption" color={r.state === 'alarm' || r.state === 'expired' ? 'error' : 'text.secondary'}>
            {t('deadlines.home.renewal.line', {
              number: r.licenceNumber, expires: r.expiresOn, legal: r.legalLast,
              left: r.daysToLegal >= 0 ? t('deadlines.home.renewal.legalLeft', { n: r.daysToLegal, count: r.daysToLegal }) : t('deadlines.home.renewal.legalPast', { n: -r.daysToLegal, count: -r.daysToLegal }),
            })}
          </Typography>
        </Box>
      ))}
    </Section>
  );
}

export function AnnualSection({ data }: { data: Dashboard['annual'] }) {
  const { t } = useTranslation();
  const pending = data.counts.upcoming + data.counts.open + data.counts.late + data.counts.missed + data.counts.earlier;
  const late = data.counts.late + data.counts.missed + data.counts.earlier > 0;
  return (
    <Section title={t('deadlines.home.annual', { year: data.year })} count={pending} shown={data.items.length} color={late ? 'error' : 'warning'} empty={t('deadlines.home.annualNone')} testId="home-annual"
      action={<Typography variant="caption" color="text.secondary">{t('deadlines.home.annualCounts', { done: data.counts.done, open: pending })}</Typography>}>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', px: 1.5, pt: 0.5 }}>{t('deadlines.home.annualWindow', { opens: data.opens, due: data.due, late: data.lateUntil })}</Typography>
      {data.items.map((a) => (
        <Box key={a.id} sx={row} data-testid={`annual-${a.clientId}`}>
          <Link component="button" type="button" onClick={open(a.clientId, 'aftercare')} sx={{ flex: 1, textAlign: 'left' }}>{a.clientName}</Link>
          <Chip size="small" color={a.state === 'late' || a.state === 'missed' ? 'error' : 'default'} label={a.year === data.year ? t(`deadlines.home.annualState.${a.state}`) : t('deadlines.home.annualEarlier', { year: a.year })} />
        </Box>
      ))}
    </Section>
  );
}

export function NoNoteSection({ data }: { data: Dashboard['noNote'] }) {
  const { t } = useTranslation();
  return (
    <Section title={t('deadlines.home.noNote')} count={data.total} shown={data.items.length} empty={t('deadlines.home.noNoteNone')} testId="home-no-note">
      <Box sx={{ maxHeight: 320, overflow: 'auto' }}>
        {data.items.map((c) => (
          <Box key={c.clientId} sx={row}>
            <Link component="button" type="button" onClick={open(c.clientId, 'notes')} sx={{ flex: 1, textAlign: 'left' }}>{c.clientName}</Link>
            <Typography variant="caption" color="text.secondary">{t(`common.stage.${c.stage}`)}</Typography>
            <Typography variant="caption" color="text.secondary" sx={{ width: 96, textAlign: 'right' }}>
              {c.lastNoteDate ? t('deadlines.home.noNoteLast', { date: c.lastNoteDate }) : t('deadlines.home.noNoteNever')}
            </Typography>
          </Box>
        ))}
      </Box>
    </Section>
  );
}
