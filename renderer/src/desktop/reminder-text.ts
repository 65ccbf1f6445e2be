/**
 * The words of a desktop reminder in the UI language: a title with the count (i18next plurals) and up to three lines
 * of facts, then "… N in all" when there are more. Rule names come from shared/domain/deadline-rules.ts.
 */
import type { TFunction } from 'i18next';
import { DEADLINE_RULES, type DeadlineRuleKey } from '../../../shared/domain/deadline-rules';
import type { Reminder } from '../../../shared/domain/reminders';
import { materialTitlesText } from '../i18n/domain';

/** Title and body (lines joined by "\n") of one reminder. */
export function reminderText(r: Reminder, t: TFunction, lang: 'zh-CN' | 'en'): { title: string; body: string } {
  const title = t(`desktop.reminders.${r.kind}_title`, { count: r.count });
  const lines = r.lines.map((l) => {
    switch (l.kind) {
      case 'overdue': {
        const rule = DEADLINE_RULES[l.rule as DeadlineRuleKey];
        const name = rule ? (lang === 'en' ? rule.en : rule.zh) : l.rule;
        return t('desktop.reminders.overdueLine', { client: l.clientName, rule: l.subject ? (lang === 'en' ? `${name} (${materialTitlesText(l.subject, true)})` : `${name}（${l.subject}）`) : name, due: l.due, days: l.daysOverdue });
      }
      case 'inspection':
        return t(`desktop.reminders.inspectionLine_${l.when}`, { client: l.clientName, time: l.time ?? '', percent: l.readinessPercent }).replace(/\s{2,}/g, ' ');
      case 'renewal':
        return t('desktop.reminders.renewalLine', { client: l.clientName, licence: l.licenceNumber, expires: l.expiresOn, days: l.daysToExpiry });
    }
  });
  if (r.count > r.lines.length) lines.push(t('desktop.reminders.more', { count: r.count }));
  return { title, body: lines.join('\n') };
}
