/**
 * The roll-up table's cells that the weekly model gives as codes + params (shared/reports/weekly-model.ts:
 * `HeadlineChanges`, `MilestoneRef`, `UpcomingRef`), in the UI's language through i18next (`weekly.rollup.text.*`,
 * plurals by `count`). In Chinese they read as the reports do (shared/reports/weekly-labels.ts renders the same codes
 * for the PDF / Excel / chat text, which stay Chinese whatever the UI language). Domain names (stages, statuses,
 * deadline rules, checklist titles, attendee roles, change kinds) come from the i18n resources and shared/domain;
 * what the user typed (addresses, names, licence numbers, new values) is shown as typed.
 *
 * Call these while rendering a component that uses `useTranslation()`: the domain helpers read the language at call time.
 */
import type { TFunction } from 'i18next';
import type { HeadlineChanges, MilestoneRef, UpcomingItem } from '../../../../shared/reports/weekly-model';
import { DEADLINE_RULES, type DeadlineRuleKey } from '../../../../shared/domain/deadline-rules';
import { INSPECTION_REQUIRED_ROLES } from '../../../../shared/domain/inspection';
import { CHANGE_KINDS } from '../../../../shared/domain/licence';
import { attendeeLabel, isEnglish, materialTitle, materialTitlesText, roleLabel } from '../../i18n/domain';

const T = 'weekly.rollup.text';
const mmdd = (date: string) => date.slice(5);

/**
 * A headline made of the week's changes.
 * @example zh '阶段：材料准备 → 线上预申请；材料：已收到2项、退回待收集1项'; en 'Stage: Materials → Pre-application; Materials: Received: 2 items, back to collect: 1 item'
 */
export function headlineChangesText(c: HeadlineChanges, t: TFunction): string {
  const parts: string[] = [];
  if (c.stages.length) parts.push(t(`${T}.stages`, { chain: c.stages.map((s) => t(`common.stage.${s}`)).join(' → ') }));
  if (c.materials.length) {
    const list = c.materials.map((m) => (m.status === 'missing' ? t(`${T}.back`, { count: m.count }) : t(`${T}.status`, { status: t(`common.status.${m.status}`), count: m.count })));
    parts.push(t(`${T}.materials`, { list: list.join(t(`${T}.listSep`)) }));
  } else if (c.filesArrived) {
    parts.push(t(`${T}.files`, { count: c.filesArrived }));
  }
  return parts.join(t(`${T}.sep`));
}

/**
 * The week's milestone in short.
 * @example zh '发证 11-25 晋B2-20260123，有效期至2031-11-24'; en 'Licence issued 11-25: 晋B2-20260123, valid until 2031-11-24'
 */
export function milestoneText(m: MilestoneRef, t: TFunction): string {
  if (m.kind === 'licence') return t(`${T}.licence`, { date: mmdd(m.on), number: m.number, expires: m.expiresOn });
  if (m.kind === 'accepted') return t(`${T}.accepted`, { date: mmdd(m.on) });
  return t(`${T}.stageMove`, { from: t(`common.stage.${m.from}`), to: t(`common.stage.${m.to}`), date: mmdd(m.on) });
}

const ruleName = (rule: DeadlineRuleKey) => (isEnglish() ? DEADLINE_RULES[rule].en : DEADLINE_RULES[rule].zh);

/** A site inspection's detail: address, who attends, the required roles nobody is named for, what to bring. */
function inspectionDetail(address: string | null, attendees: ReadonlyArray<{ role: string; name: string }>, t: TFunction): string {
  const sep = t(`${T}.listSep`);
  const people = attendees.map(attendeeLabel).join(sep);
  const missing = INSPECTION_REQUIRED_ROLES.filter((r) => !attendees.some((a) => a.role === r)).map(roleLabel).join(sep);
  return [
    address ? t(`${T}.address`, { address }) : t(`${T}.noAddress`),
    ...(people ? [t(`${T}.attending`, { people })] : []),
    ...(missing ? [t(people ? `${T}.notNamed` : `${T}.nobodyNamed`, { roles: missing })] : []),
    t(`${T}.bring`, { items: t(`${T}.bringList`) }),
  ].join(t(`${T}.sep`));
}

/**
 * What a deadline or appointment is, without its date or marks (the roll-up's "next deadline"): the rule or checklist
 * item and its subject, an appointment with its time. In Chinese the same text as the reports' `deadlineWhat`.
 * `brief`: a site inspection without its detail (address, attendees, what to bring): '09:30 Site inspection'.
 * @example zh '补正期限：企业信用信息公示报告' / '09:30 现场核查（地址：…；…）'; en 'Correction window: Enterprise credit information report' / '09:30 Site inspection (Address: …; …)'
 */
export function upcomingWhatText(u: UpcomingItem, t: TFunction, opts: { brief?: boolean } = {}): string {
  const r = u.ref;
  const withDetail = (what: string, detail: string | null) => (detail ? t(`${T}.detail`, { what, detail }) : what);
  if (!r) return withDetail(u.source === 'material' ? materialTitle({ title: u.title }) : u.title, u.detail); // an item made without codes
  switch (r.kind) {
    case 'process': return withDetail(ruleName(r.rule), r.subject && (r.rule === 'material_target' ? materialTitle({ itemKey: r.subjectKey, title: r.subject }) : materialTitlesText(r.subject)));
    case 'material': return materialTitle({ itemKey: r.itemKey, title: r.title });
    case 'inspection': {
      const what = opts.brief ? t(`${T}.inspection`) : t(`${T}.paren`, { what: t(`${T}.inspection`), detail: inspectionDetail(r.address, r.attendees, t) });
      return u.time ? `${u.time} ${what}` : what;
    }
    case 'renewal': return withDetail(ruleName(r.rule), t(`${T}.licenceValid`, { number: r.number, date: r.expiresOn }));
    case 'annual': return withDetail(t(`${T}.annual`, { year: r.year, rule: ruleName(r.rule) }), t(`${T}.annualOpens`, { date: r.opens }));
    case 'change': {
      const k = CHANGE_KINDS.find((x) => x.key === r.changeKind);
      const kind = k ? (isEnglish() ? k.en : k.zh) : r.changeKind;
      return withDetail(ruleName(r.rule), r.newValue ? t(`${T}.detail`, { what: kind, detail: r.newValue }) : kind);
    }
  }
}
