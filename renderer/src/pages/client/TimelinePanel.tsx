/** The client's activity timeline, newest first, built from the events log (what, old, new, when). */
import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Event } from '../../../../shared/contract';
import { useClientStore } from '../../stores/client-store';
import { describeInspection } from './inspection/timeline';
import { materialTitle } from '../../i18n/domain';

export function TimelinePanel() {
  const { t } = useTranslation();
  const timeline = useClientStore((s) => s.timeline);
  if (!timeline.length) return <Typography color="text.secondary">{t('client.timeline.empty')}</Typography>;
  return (
    <Box data-testid="timeline">
      {timeline.map((e) => (
        <Box key={e.id} sx={{ display: 'flex', gap: 2, py: 0.5, borderBottom: 1, borderColor: 'divider', fontSize: 14 }}>
          <Box sx={{ width: 150, color: 'text.secondary', flexShrink: 0 }}>{e.on} {new Date(e.at).toTimeString().slice(0, 5)}</Box>
          {/* minWidth 0 + anywhere: a long unbroken value (a URL in a note, a domain) wraps instead of widening the page. */}
          <Box sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>{describe(e, t)}</Box>
        </Box>
      ))}
    </Box>
  );
}

/** The check letters stored in `material.checks` events (db/service/materials.ts) → their `common.checks` keys. */
const CHECK_KEYS: Record<string, string> = { 全: 'complete', 准: 'accurate', 清: 'legible' };

function describe(e: Event, t: TFunction): string {
  const none = '—';
  const statusOr = (v: string | null) => (v ? t(`common.status.${v}`) : none);
  const stageOr = (v: string | null) => (v ? t(`common.stage.${v}`) : none);
  if (e.kind.startsWith('inspection.')) return describeInspection(e, t);
  switch (e.kind) {
    case 'stage':
      return e.oldValue ? t('client.timeline.stage', { old: stageOr(e.oldValue), new: stageOr(e.newValue) }) : t('client.timeline.stageInit', { new: stageOr(e.newValue) });
    case 'material.status':
      return t('client.timeline.material_status', { title: materialTitle({ itemKey: e.subject, title: e.subjectTitle ?? '' }), old: statusOr(e.oldValue), new: statusOr(e.newValue) });
    case 'material.checks': {
      // Stored as the checks' own letters ('全准清', '—' for none); the UI names each in its language.
      const checks = (v: string | null) => (v && v !== '—' ? [...v].map((c) => t(`common.checks.${CHECK_KEYS[c] ?? ''}`, { defaultValue: c })).join('') : none);
      return t('client.timeline.material_checks', { title: materialTitle({ itemKey: e.subject, title: e.subjectTitle ?? '' }), old: checks(e.oldValue), new: checks(e.newValue) });
    }
    case 'process.date':
      return t('client.timeline.process_date', { field: e.subject ? t(`deadlines.process.field.${e.subject}`, { defaultValue: e.subject }) : '', old: e.oldValue ?? none, new: e.newValue ?? none });
    case 'facts.update':
      return t('client.timeline.facts_update', { field: e.subject ? t(`eligibility.fact.${e.subject}`, { defaultValue: e.subject }) : '', old: e.oldValue ?? none, new: e.newValue ?? none });
    case 'client.update':
      return t('client.timeline.client_update', { field: e.subject ? t(`clientForm.fields.${e.subject === 'capitalYuan' ? 'capital' : e.subject}`, { defaultValue: e.subject }) : '', old: e.oldValue ?? none, new: e.newValue ?? none });
    default:
      return t(`client.timeline.${e.kind.replace('.', '_')}`, { title: e.kind.startsWith('material.') ? materialTitle({ itemKey: e.subject, title: e.subjectTitle ?? '' }) : e.subjectTitle ?? '', old: e.oldValue ?? none, new: e.newValue ?? none, defaultValue: e.kind });
  }
}
