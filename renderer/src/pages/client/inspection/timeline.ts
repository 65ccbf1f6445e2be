/** Timeline text of the 'inspection.*' events (schedule, edits, checklist ticks/notes/areas, outcome, removal). */
import type { TFunction } from 'i18next';
import type { Event } from '../../../../../shared/contract';
import { inspectionItemText, paren } from '../../../i18n/domain';

/** One line describing an 'inspection.*' event, in the current language. */
export function describeInspection(e: Event, t: TFunction): string {
  const none = '—';
  const kind = e.kind.slice('inspection.'.length);
  switch (kind) {
    case 'update': {
      const [when, field] = (e.subjectTitle ?? '|').split('|');
      return t('inspection.timeline.update', { when, field: t(`inspection.field.${field}`, { defaultValue: field }), old: e.oldValue ?? none, new: e.newValue ?? none });
    }
    case 'check':
      return t('inspection.timeline.check', { title: inspectionItemText({ text: e.subjectTitle ?? '' }), new: t(`inspection.timeline.${e.newValue === 'done' ? 'done' : 'open'}`) });
    case 'outcome':
      return t('inspection.timeline.outcome', { new: e.newValue ? t(`inspection.outcome.${e.newValue}`) : t('inspection.scheduled') })
        + (e.subjectTitle ? paren(e.subjectTitle) : '');
    default:
      return t(`inspection.timeline.${kind}`, { title: inspectionItemText({ text: e.subjectTitle ?? '' }), old: e.oldValue ?? none, new: e.newValue ?? none, defaultValue: e.kind });
  }
}
