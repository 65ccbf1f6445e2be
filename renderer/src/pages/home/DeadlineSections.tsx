/** The dashboard's deadline lists: overdue (red), due this week, and the next two weeks. Each line opens the client's deadlines tab. */
import { Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardDeadline } from '../../../../shared/contracts/deadlines';
import { DeadlineLine } from '../../components/DeadlineLine';
import { navigate } from '../../route';
import { Section } from './Section';

function Lines({ items }: { items: DashboardDeadline[] }) {
  return (
    <>
      {items.map((d) => (
        <DeadlineLine
          key={`${d.clientId}-${d.rule}-${d.subjectKey ?? ''}-${d.refId ?? ''}`}
          d={d}
          client={d.clientName}
          onOpen={() => navigate({ name: 'client', id: d.clientId, tab: d.kind === 'change' ? 'aftercare' : 'deadlines' })}
          testId={`deadline-${d.clientId}-${d.rule}`}
        />
      ))}
    </>
  );
}

export function DeadlineSections({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={2}>
      <Section title={t('deadlines.home.overdue')} count={data.overdue.total} shown={data.overdue.items.length} color="error" empty={t('deadlines.home.noneOverdue')} testId="home-overdue">
        <Lines items={data.overdue.items} />
      </Section>
      <Section title={t('deadlines.home.thisWeek', { date: data.weekEnd })} count={data.thisWeek.total} shown={data.thisWeek.items.length} color="warning" empty={t('deadlines.home.noneThisWeek')} testId="home-this-week">
        <Lines items={data.thisWeek.items} />
      </Section>
      <Section title={t('deadlines.home.upcoming')} count={data.upcoming.total} shown={data.upcoming.items.length} color="primary" empty={t('deadlines.home.noneUpcoming')} testId="home-upcoming">
        <Lines items={data.upcoming.items} />
      </Section>
    </Stack>
  );
}
