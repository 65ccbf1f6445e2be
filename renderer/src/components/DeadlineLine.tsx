/**
 * One deadline as a line: the rule's name (with its source in a tooltip), the client or subject, the start date and
 * what starts it, the due date with its weekday, and the time left — red when overdue, orange today / within 3 days.
 * Shows "YYYY年节假日安排未载入" on a deadline that depends on a year without holiday data, and the last working day
 * when a calendar-day deadline ends on a day off.
 */
import { Box, Chip, Link, Tooltip, Typography } from '@mui/material';
import WarningIcon from '@mui/icons-material/WarningAmber';
import { useTranslation } from 'react-i18next';
import type { DeadlineItem } from '../../../shared/contracts/deadlines';
import { DEADLINE_RULES } from '../../../shared/domain/deadline-rules';
import { addCalendarDays, isoWeekday } from '../../../shared/domain/calendar';
import { CHANGE_KINDS } from '../../../shared/domain/licence';
import { materialTitle, materialTitlesText } from '../i18n/domain';

export const LEVEL_COLOR = { overdue: 'error.main', today: 'warning.dark', soon: 'warning.dark', later: 'text.primary' } as const;

/** The weekday label of a date, e.g. '周一'. */
export function useWeekday() {
  const { t } = useTranslation();
  return (date: string) => (t('deadlines.weekday', { returnObjects: true }) as string[])[isoWeekday(date)];
}

/** The rule's name and source in the UI language. */
export function useRuleText() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (key: DeadlineItem['rule']) => {
    const r = DEADLINE_RULES[key];
    return { name: en ? r.en : r.zh, start: en ? r.startEn : r.startZh, source: en ? r.sourceEn : r.sourceZh };
  };
}

/** "还剩 3 天" / "还剩 2 个工作日" / "今天截止" / "已逾期 3 天". */
export function useRemainingText() {
  const { t } = useTranslation();
  return (d: Pick<DeadlineItem, 'rule' | 'remaining' | 'level'>) =>
    d.level === 'overdue' ? t('deadlines.line.overdue', { n: -d.remaining, count: -d.remaining })
      : d.level === 'today' ? t('deadlines.line.today')
      : t(`deadlines.line.left_${DEADLINE_RULES[d.rule].unit}`, { n: d.remaining, count: d.remaining });
}

/** The "calendar for YYYY not loaded" chips of a deadline. */
export function MissingYearChips({ years }: { years: number[] }) {
  const { t } = useTranslation();
  return (
    <>
      {years.map((y) => (
        <Tooltip key={y} title={t('deadlines.line.missingYearHint', { year: y })}>
          <Chip size="small" color="warning" icon={<WarningIcon />} label={t('deadlines.line.missingYear', { year: y })} data-testid="missing-year" />
        </Tooltip>
      ))}
    </>
  );
}

/** What a deadline is about: a change filing names the change and the legal limit; others their material(s). */
export function useSubjectText() {
  const { t, i18n } = useTranslation();
  return (d: DeadlineItem): string | null => {
    if (d.rule === 'material_target' && d.subject) return materialTitle({ itemKey: d.subjectKey, title: d.subject });
    if (d.rule !== 'change_agency') return d.subject && materialTitlesText(d.subject);
    const kind = CHANGE_KINDS.find((k) => k.key === d.subjectKey);
    const label = kind ? (i18n.language === 'en' ? kind.en : kind.zh) : d.subjectKey ?? '';
    const legal = addCalendarDays(d.start, DEADLINE_RULES.change_legal.n);
    return d.subject ? t('deadlines.line.changeSubject', { kind: label, value: d.subject, date: legal }) : t('deadlines.line.changeSubjectKind', { kind: label, date: legal });
  };
}

export function DeadlineLine({ d, client, onOpen, testId }: { d: DeadlineItem; client?: string; onOpen?: () => void; testId?: string }) {
  const { t } = useTranslation();
  const rule = useRuleText()(d.rule);
  const weekday = useWeekday();
  const remaining = useRemainingText()(d);
  const subject = useSubjectText()(d);
  const dueOff = d.level === 'overdue' ? null : d.dueOff;
  return (
    <Box data-testid={testId ?? 'deadline'} data-level={d.level} sx={{ display: 'grid', gridTemplateColumns: 'minmax(180px, 2fr) minmax(140px, 1.2fr) 150px 120px', gap: 1, alignItems: 'center', py: 0.75, px: 1, borderBottom: 1, borderColor: 'divider', fontSize: 14 }}>
      <Box sx={{ minWidth: 0 }}>
        {client && (onOpen ? <Link component="button" type="button" onClick={onOpen} sx={{ fontWeight: 600, textAlign: 'left' }} data-testid="deadline-client">{client}</Link> : <Typography variant="body2" sx={{ fontWeight: 600 }}>{client}</Typography>)}
        <Tooltip title={t('deadlines.line.source', { source: rule.source })}>
          <Typography variant="body2" component="div" sx={{ color: 'text.secondary' }} data-testid="deadline-rule">
            {rule.name}{subject ? ` · ${subject}` : ''}
          </Typography>
        </Tooltip>
      </Box>
      <Typography variant="body2" color="text.secondary">{t('deadlines.line.start', { date: d.start, what: rule.start })}</Typography>
      <Typography variant="body2" sx={{ fontWeight: 600, color: LEVEL_COLOR[d.level] }} data-testid="deadline-due">{t('deadlines.line.due', { date: d.due, weekday: weekday(d.due) })}</Typography>
      <Typography variant="body2" sx={{ fontWeight: 600, color: LEVEL_COLOR[d.level] }} data-testid="deadline-left">{remaining}</Typography>
      {(d.missingYears.length > 0 || dueOff) && (
        <Box sx={{ gridColumn: '1 / -1', display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <MissingYearChips years={d.missingYears} />
          {dueOff && <Typography variant="caption" color="warning.dark" data-testid="deadline-dueoff">{t('deadlines.line.dueOff', { name: dueOff.name || t('deadlines.line.weekend'), date: dueOff.lastWorkingDay })}</Typography>}
        </Box>
      )}
    </Box>
  );
}
